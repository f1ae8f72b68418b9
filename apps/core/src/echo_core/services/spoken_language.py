"""The language an upload says its speech is in: checked before the video is stored."""

import asyncio

from echo_core.config import Settings
from echo_core.errors import InvalidInputError
from echo_core.pipeline.asr.language_support import language_problem
from echo_core.pipeline.asr.languages import AUTO_LANGUAGE, WHISPER_LANGUAGE_CODES

__all__ = ["AUTO_LANGUAGE", "checked_language"]


async def checked_language(settings: Settings, value: str | None) -> str:
    """`auto` or a code an engine here can transcribe; a clear 422 otherwise."""
    language = (value or AUTO_LANGUAGE).strip().lower()
    if language == AUTO_LANGUAGE:
        return language
    if language not in WHISPER_LANGUAGE_CODES:
        raise InvalidInputError(
            f"Unknown language {value!r}: send 'auto' or an ISO 639-1 code such as 'en' or 'de'."
        )
    # Looking for the model on disk reads the Hugging Face cache.
    problem = await asyncio.to_thread(language_problem, settings, language)
    if problem:
        raise InvalidInputError(problem)
    return language
