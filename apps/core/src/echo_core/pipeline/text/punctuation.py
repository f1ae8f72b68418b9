"""Where a written word ends a sentence or a clause, for engines that punctuate (Whisper)."""

import re

# The mark may sit inside closing quotes or brackets: 'said "go."' ends a sentence too.
_CLOSERS = "[\"')\\]\u00bb\u201d\u2019]*"
_SENTENCE_END = re.compile(r"[.!?\u2026]" + _CLOSERS + "$")
_CLAUSE_END = re.compile(r"[,;:\u2014]" + _CLOSERS + "$")


def ends_sentence(word: str) -> bool:
    return _SENTENCE_END.search(word) is not None


def ends_clause(word: str) -> bool:
    return _CLAUSE_END.search(word) is not None
