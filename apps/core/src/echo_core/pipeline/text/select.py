"""Choose the text engine from configuration; an LLM that fails hands over to the offline one."""

import logging
from dataclasses import dataclass

from echo_core.config import Settings
from echo_core.pipeline.text.engine import (
    TextEngine,
    TextGenerationError,
    TextRequest,
    TextResult,
)
from echo_core.pipeline.text.gemini_engine import GeminiTextEngine
from echo_core.pipeline.text.local_engine import LocalTextEngine
from echo_core.pipeline.text.openai_engine import OpenAIChatTextEngine

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


def build_text_engine(settings: Settings) -> FallbackTextEngine:
    """The configured engine; `auto` prefers an LLM when one is configured.

    Raises TextGenerationError when an LLM is named explicitly but cannot be used at all.
    """
    kind: str = settings.text_engine
    if kind == "auto":
        kind = _configured_llm(settings) or "local"
    if kind == "local":
        return FallbackTextEngine(LocalTextEngine())
    llm = _openai_engine(settings) if kind == "openai" else _gemini_engine(settings)
    return FallbackTextEngine(llm, fallback=LocalTextEngine())


def _configured_llm(settings: Settings) -> str | None:
    """Which LLM the settings point at: a key, or a self-hosted server that needs none."""
    if settings.openai_api_key or settings.openai_base_url != _DEFAULT_OPENAI_BASE_URL:
        return "openai"
    if settings.gemini_api_key:
        return "gemini"
    return None


def _openai_engine(settings: Settings) -> OpenAIChatTextEngine:
    return OpenAIChatTextEngine(
        base_url=settings.openai_base_url,
        model=settings.openai_chat_model,
        api_key=settings.openai_api_key,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )


def _gemini_engine(settings: Settings) -> GeminiTextEngine:
    if not settings.gemini_api_key:
        raise TextGenerationError(
            "The text engine is set to gemini, but ECHO_GEMINI_API_KEY is not set."
        )
    return GeminiTextEngine(
        api_key=settings.gemini_api_key,
        model=settings.gemini_model,
        base_url=settings.gemini_base_url,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )
