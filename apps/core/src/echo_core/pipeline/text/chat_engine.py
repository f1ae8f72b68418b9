"""What the LLM text engines share: one HTTP client per request and the validate-and-retry
loop. Each engine says only how its API is addressed, asked and answered."""

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

import httpx

from echo_core.pipeline.text.engine import TextRequest, TextResult
from echo_core.pipeline.text.llm_schema import Turn, generate_validated, post_json


class ChatTextEngine(ABC):
    def __init__(
        self,
        *,
        model: str,
        url: str,
        headers: dict[str, str],
        service: str,
        timeout_seconds: float,
        max_retries: int,
        retry_delay_seconds: float,
    ) -> None:
        self._model = model
        self._url = url
        self._headers = headers
        # How error messages name the server, e.g. "Gemini".
        self._service = service
        self._timeout_seconds = timeout_seconds
        self._max_retries = max_retries
        self._retry_delay_seconds = retry_delay_seconds

    @property
    @abstractmethod
    def name(self) -> str: ...

    async def generate(self, request: TextRequest) -> TextResult:
        async with httpx.AsyncClient(timeout=self._timeout_seconds) as client:

            async def complete(system: str, turns: Sequence[Turn]) -> str:
                body = self._request_body(system, turns)
                reply = await post_json(client, self._url, self._headers, body, self._service)
                return self._answer_text(reply)

            return await generate_validated(
                complete,
                request,
                engine_name=self.name,
                max_retries=self._max_retries,
                retry_delay_seconds=self._retry_delay_seconds,
            )

    @abstractmethod
    def _request_body(self, system: str, turns: Sequence[Turn]) -> dict[str, Any]:
        """The API's request for this conversation."""

    @abstractmethod
    def _answer_text(self, reply: Any) -> str:
        """The model's answer text from the API's reply; LlmRequestFailedError if none."""
