"""Choose the text engine from the settings; an LLM that fails hands over to the offline one.

`auto` takes a configured key (or self-hosted OpenAI-compatible server) first, then an Ollama
found at ECHO_OLLAMA_URL with a model, then the offline engine. A wrong setup (a named engine
without its key, a model that does not exist) is a TextEngineSetupError, never a fallback.
"""

import logging
from dataclasses import dataclass

from echo_core.config import Settings
from echo_core.pipeline.text.chat_engine import ChatTextEngine
from echo_core.pipeline.text.engine import (
    TextEngine,
    TextEngineSetupError,
    TextGenerationError,
    TextRequest,
    TextResult,
)
from echo_core.pipeline.text.gemini_engine import GeminiTextEngine
from echo_core.pipeline.text.local_engine import LocalTextEngine
from echo_core.pipeline.text.ollama_engine import OllamaTextEngine
from echo_core.pipeline.text.ollama_models import ollama_models
from echo_core.pipeline.text.openai_engine import OpenAIChatTextEngine
from echo_core.settings_types import revealed

logger = logging.getLogger(__name__)

_DEFAULT_OPENAI_BASE_URL = Settings.model_fields["openai_base_url"].default


@dataclass(frozen=True)
class GeneratedText:
    result: TextResult
    engine: str  # the name of the engine that wrote `result`
    fallback_reason: str | None  # why the configured engine did not, if it did not


class FallbackTextEngine:
    """Runs the preferred engine and, when it gives no usable answer, the fallback one.

    Metadata is never lost to an unreachable or misbehaving LLM: the offline engine always
    answers, and the provenance says which engine wrote the text and why.
    """

    def __init__(self, preferred: TextEngine, fallback: TextEngine | None = None) -> None:
        self._preferred = preferred
        self._fallback = fallback

    @property
    def name(self) -> str:
        return self._preferred.name

    async def generate(self, request: TextRequest) -> TextResult:
        return (await self.generate_with_provenance(request)).result

    async def generate_with_provenance(self, request: TextRequest) -> GeneratedText:
        try:
            result = await self._preferred.generate(request)
        except TextGenerationError as error:
            if self._fallback is None:
                raise
            logger.warning("%s failed, using %s: %s", self.name, self._fallback.name, error)
            result = await self._fallback.generate(request)
            return GeneratedText(result, self._fallback.name, str(error))
        return GeneratedText(result, self._preferred.name, None)


async def build_text_engine(settings: Settings) -> FallbackTextEngine:
    """The engine the settings choose, the offline one behind any LLM.

    Raises TextEngineSetupError when an LLM is named but set up so it cannot be used, and
    TextGenerationError when a named Ollama cannot be asked which models it has.
    """
    llm = await choose_llm(settings)
    if llm is None:
        return FallbackTextEngine(LocalTextEngine())
    return FallbackTextEngine(llm, fallback=LocalTextEngine())


async def choose_llm(settings: Settings) -> ChatTextEngine | None:
    """The LLM the settings choose; None means the offline engine."""
    kind: str = settings.text_engine
    if kind == "auto":
        kind = _configured_llm(settings) or "ollama"
        if kind == "ollama":
            models = await ollama_models(settings.ollama_url)
            if not models:
                return None
            return _ollama_engine(settings, settings.ollama_model or models[0])
    if kind == "openai":
        return _openai_engine(settings)
    if kind == "gemini":
        return _gemini_engine(settings)
    if kind == "ollama":
        return _ollama_engine(
            settings, settings.ollama_model or await _first_ollama_model(settings)
        )
    return None


def _configured_llm(settings: Settings) -> str | None:
    """Which LLM the settings point at: a key, or a self-hosted server that needs none."""
    if revealed(settings.openai_api_key) or settings.openai_base_url != _DEFAULT_OPENAI_BASE_URL:
        return "openai"
    if revealed(settings.gemini_api_key):
        return "gemini"
    return None


async def _first_ollama_model(settings: Settings) -> str:
    models = await ollama_models(settings.ollama_url)
    if models is None:
        raise TextGenerationError(
            f"The Ollama server at {settings.ollama_url} does not answer; start it, or set "
            "ECHO_OLLAMA_URL."
        )
    if not models:
        raise TextEngineSetupError(
            f"The Ollama server at {settings.ollama_url} has no models: pull one "
            "(ollama pull llama3.2:3b) or name one in ECHO_OLLAMA_MODEL."
        )
    return models[0]


def _openai_engine(settings: Settings) -> OpenAIChatTextEngine:
    return OpenAIChatTextEngine(
        base_url=settings.openai_base_url,
        model=settings.openai_chat_model,
        api_key=revealed(settings.openai_api_key),
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )


def _gemini_engine(settings: Settings) -> GeminiTextEngine:
    api_key = revealed(settings.gemini_api_key)
    if api_key is None:
        raise TextEngineSetupError(
            "The text engine is set to gemini, but ECHO_GEMINI_API_KEY is not set "
            "(nor a key on the Settings page)."
        )
    return GeminiTextEngine(
        api_key=api_key,
        model=settings.gemini_model,
        base_url=settings.gemini_base_url,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )


def _ollama_engine(settings: Settings, model: str) -> OllamaTextEngine:
    return OllamaTextEngine(
        base_url=settings.ollama_url,
        model=model,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )
