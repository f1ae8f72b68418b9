"""What the LLM text engines share: one HTTP client per request and the validate-and-retry
loop. Each engine says only how its API is addressed, asked and answered."""

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, TypedDict

import httpx

from echo_core.pipeline.text.engine import TextEngineSetupError, TextRequest, TextResult
from echo_core.pipeline.text.llm_schema import (
    LlmRequestFailedError,
    Turn,
    answer_json_schema,
    generate_validated,
    post_json,
)

# The smallest request that still asks for structured output, as every job's request does.
_PING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"reply": {"type": "string"}},
    "required": ["reply"],
    "additionalProperties": False,
}
_PING_SYSTEM = "You answer with a single JSON object and nothing else."
_PING_QUESTION = 'Answer with {"reply": "ready"}.'


class ChatLimits(TypedDict, total=False):
    """How long a request may take and how often a failed one is asked again, as each
    engine's constructor takes them; one left out keeps ChatTextEngine's default."""

    timeout_seconds: float
    max_retries: int
    retry_delay_seconds: float


class ChatTextEngine(ABC):
    def __init__(
        self,
        *,
        kind: str,
        model: str,
        url: str,
        headers: dict[str, str],
        service: str,
        model_setting: str,
        timeout_seconds: float = 60.0,
        max_retries: int = 2,
        retry_delay_seconds: float = 1.0,
    ) -> None:
        # What the engine's name says it is, before the model: "ollama:llama3.2:3b".
        self._kind = kind
        self._model = model
        self._url = url
        self._headers = headers
        # How error messages name the server, e.g. "Gemini".
        self._service = service
        # The environment variable that names the model, for a message about a wrong one.
        self._model_setting = model_setting
        self._timeout_seconds = timeout_seconds
        self._max_retries = max_retries
        self._retry_delay_seconds = retry_delay_seconds

    @property
    def name(self) -> str:
        return f"{self._kind}:{self._model}"

    @property
    def service(self) -> str:
        return self._service

    async def generate(self, request: TextRequest) -> TextResult:
        schema = answer_json_schema(len(request.chapters))
        async with httpx.AsyncClient(timeout=self._timeout_seconds) as client:

            async def complete(system: str, turns: Sequence[Turn]) -> str:
                return await self._ask(client, system, turns, schema)

            return await generate_validated(
                complete,
                request,
                engine_name=self.name,
                max_retries=self._max_retries,
                retry_delay_seconds=self._retry_delay_seconds,
                longest_wait_seconds=self._timeout_seconds,
            )

    async def ping(self) -> str:
        """One tiny structured request, no retries: the model's answer text, or the error
        a job's request would meet (LlmRequestFailedError, TextEngineSetupError)."""
        async with httpx.AsyncClient(timeout=self._timeout_seconds) as client:
            return await self._ask(
                client, _PING_SYSTEM, [Turn("user", _PING_QUESTION)], _PING_SCHEMA
            )

    async def _ask(
        self,
        client: httpx.AsyncClient,
        system: str,
        turns: Sequence[Turn],
        schema: dict[str, Any],
    ) -> str:
        body = self._request_body(system, turns, schema)
        try:
            reply = await post_json(client, self._url, self._headers, body, self._service)
        except LlmRequestFailedError as error:
            if error.status == 404:
                # OpenAI, Gemini and Ollama all answer 404 for a model they do not have.
                raise TextEngineSetupError(
                    f'The model "{self._model}" does not exist at {self._service} ({error}). '
                    "Choose another model on the Settings page (text engine) or in "
                    f"{self._model_setting}."
                ) from error
            raise
        return self._answer_text(reply)

    @abstractmethod
    def _request_body(
        self, system: str, turns: Sequence[Turn], schema: dict[str, Any]
    ) -> dict[str, Any]:
        """The API's request for this conversation, asking for an answer in `schema`."""

    @abstractmethod
    def _answer_text(self, reply: Any) -> str:
        """The model's answer text from the API's reply; LlmRequestFailedError if none."""
