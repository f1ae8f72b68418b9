"""`echo-core process`: the whole pipeline on a local file, with no server or database."""
