"""Text from any OpenAI-compatible chat server: OpenAI itself, vLLM, LM Studio, Ollama's /v1."""

from collections.abc import Sequence
from typing import Any, Unpack

from echo_core.pipeline.model_server_http import bearer_headers
from echo_core.pipeline.text.chat_engine import ChatLimits, ChatTextEngine
from echo_core.pipeline.text.chat_messages import chat_request, message_content
from echo_core.pipeline.text.llm_schema import LlmRequestFailedError, Turn


class OpenAIChatTextEngine(ChatTextEngine):
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        **limits: Unpack[ChatLimits],
    ) -> None:
        super().__init__(
            kind="openai",
            model=model,
            url=f"{base_url.rstrip('/')}/chat/completions",
            headers=bearer_headers(api_key),
            service=f"the chat server at {base_url}",
            model_setting="ECHO_OPENAI_CHAT_MODEL",
            **limits,
        )

    def _request_body(
        self, system: str, turns: Sequence[Turn], schema: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            **chat_request(self._model, system, turns),
            # Structured output: the server holds the model to the schema.
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "answer", "strict": True, "schema": schema},
            },
        }

    def _answer_text(self, reply: Any) -> str:
        try:
            message = reply["choices"][0]["message"]
        except (KeyError, IndexError, TypeError) as error:
            raise LlmRequestFailedError(
                f"The reply from {self._service} has no choices[0].message.", retryable=True
            ) from error
        content = message_content(message)
        if content is None:
            refusal = message.get("refusal") if isinstance(message, dict) else None
            raise LlmRequestFailedError(
                f"The model declined to answer: {refusal}"
                if refusal
                else "The model's reply was empty.",
                retryable=True,
            )
        return content
