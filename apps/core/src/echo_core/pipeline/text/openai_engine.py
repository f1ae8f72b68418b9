"""Text from any OpenAI-compatible chat server: OpenAI itself, Ollama, vLLM, LM Studio."""

from collections.abc import Sequence
from typing import Any

import httpx

from echo_core.pipeline.text.engine import TextRequest, TextResult
from echo_core.pipeline.text.llm_schema import (
    LlmRequestFailedError,
    Turn,
    generate_validated,
    post_json,
)


class OpenAIChatTextEngine:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout_seconds: float = 60.0,
        max_retries: int = 2,
        retry_delay_seconds: float = 1.0,
    ) -> None:
        self._url = f"{base_url.rstrip('/')}/chat/completions"
        self._model = model
        # Local servers (Ollama, vLLM) usually need no key, so none is sent without one.
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout_seconds = timeout_seconds
        self._max_retries = max_retries
        self._retry_delay_seconds = retry_delay_seconds
        self._service = f"the chat server at {base_url}"

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    async def generate(self, request: TextRequest) -> TextResult:
        async with httpx.AsyncClient(timeout=self._timeout_seconds) as client:

            async def complete(system: str, turns: Sequence[Turn]) -> str:
                return await self._complete(client, system, turns)

            return await generate_validated(
                complete,
                request,
                engine_name=self.name,
                max_retries=self._max_retries,
                retry_delay_seconds=self._retry_delay_seconds,
            )

    async def _complete(self, client: httpx.AsyncClient, system: str, turns: Sequence[Turn]) -> str:
        body = {
            "model": self._model,
            "messages": [
                {"role": "system", "content": system},
                *({"role": turn.role, "content": turn.text} for turn in turns),
            ],
            "response_format": {"type": "json_object"},
        }
        reply = await post_json(client, self._url, self._headers, body, self._service)
        return self._content(reply)

    def _content(self, reply: Any) -> str:
        try:
            message = reply["choices"][0]["message"]
        except (KeyError, IndexError, TypeError) as error:
            raise LlmRequestFailedError(
                f"The reply from {self._service} has no choices[0].message.", retryable=True
            ) from error
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str) or not content.strip():
            refusal = message.get("refusal") if isinstance(message, dict) else None
            raise LlmRequestFailedError(
                f"The model declined to answer: {refusal}"
                if refusal
                else "The model's reply was empty.",
                retryable=True,
            )
        return content
