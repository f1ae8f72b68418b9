"""The language a job's speech is in, as the upload said."""

from typing import Any


def requested_language(metadata: dict[str, Any]) -> str | None:
    """An ISO 639-1 code, or None to detect it.

    Until the transcribe stage stores the language it used, the job's `language` holds the
    one chosen at upload (None for `auto`): the job was created with it.
    """
    language = metadata.get("language")
    return str(language) if language else None
