"""Turn whatever filename a browser sent into a safe label to show back to its owner."""

import unicodedata

MAX_FILENAME_CHARS = 255
FALLBACK_FILENAME = "video"


def clean_filename(raw: str | None) -> str:
    if not raw:
        return FALLBACK_FILENAME
    # Keep only the last path component, whichever separator the client's OS used.
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").strip()
    if not name:
        return FALLBACK_FILENAME
    if len(name) <= MAX_FILENAME_CHARS:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and 0 < len(extension) <= 10:
        return stem[: MAX_FILENAME_CHARS - len(extension) - 1] + "." + extension
    return name[:MAX_FILENAME_CHARS]
