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


# Characters Windows, macOS or Linux refuse in a file name, and a space runs them into.
_UNSAFE_IN_FILENAMES = frozenset('<>:"/\\|?*')
MAX_DOWNLOAD_STEM_CHARS = 100


def download_stem(title: str | None, original_filename: str) -> str:
    """What a video's downloads are named after: its title made safe for any file system,
    else the uploaded file's name without its extension."""
    cleaned = "".join(
        " " if ch in _UNSAFE_IN_FILENAMES or unicodedata.category(ch)[0] == "C" else ch
        for ch in unicodedata.normalize("NFC", title or "")
    )
    # Collapsed spaces, and no leading dot (a hidden file) or trailing dot (Windows drops it).
    stem = " ".join(cleaned.split())[:MAX_DOWNLOAD_STEM_CHARS].strip(" .")
    return stem or original_filename.rsplit(".", 1)[0] or FALLBACK_FILENAME
