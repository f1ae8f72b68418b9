"""One tiny request to the text engine the settings choose, told in words: what the admin's
Test button and `echo-core doctor` report."""

import json
import time
from dataclasses import dataclass

from echo_core.config import Settings
from echo_core.pipeline.text.engine import TextEngineSetupError, TextGenerationError
from echo_core.pipeline.text.llm_schema import LlmRequestFailedError
from echo_core.pipeline.text.select import choose_llm

OFFLINE_MEANWHILE = "Until then the offline engine writes the text."


@dataclass(frozen=True)
class EngineProbe:
    ok: bool
    engine: str  # as jobs record it: "openai:gpt-4.1-mini", "ollama:llama3.2:3b", "local"
    message: str  # what happened, in a sentence or two


async def probe_text_engine(settings: Settings) -> EngineProbe:
    try:
        llm = await choose_llm(settings)
    except (TextEngineSetupError, TextGenerationError) as error:
        return EngineProbe(False, settings.text_engine, str(error))
    if llm is None:
        reason = (
            "no API key is set and no Ollama answers at " + settings.ollama_url
            if settings.text_engine == "auto"
            else "the text engine is set to local"
        )
        return EngineProbe(
            True, "local", f"The offline engine writes the text ({reason}); nothing to reach."
        )
    started = time.monotonic()
    try:
        answer = await llm.ping()
    except TextEngineSetupError as error:
        return EngineProbe(False, llm.name, str(error))
    except LlmRequestFailedError as error:
        return EngineProbe(False, llm.name, f"{_explained(error)} {OFFLINE_MEANWHILE}")
    seconds = time.monotonic() - started
    if not _is_json_object(answer):
        return EngineProbe(
            False,
            llm.name,
            f"{llm.service} answered, but not with the JSON object asked for: it may not "
            f"support structured output. {OFFLINE_MEANWHILE}",
        )
    return EngineProbe(
        True, llm.name, f"{llm.name} at {llm.service} answered in {seconds:.1f} s, in JSON."
    )


def _explained(error: LlmRequestFailedError) -> str:
    if error.status in (401, 403):
        return f"The server refused the API key ({error})."
    return str(error)


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False
