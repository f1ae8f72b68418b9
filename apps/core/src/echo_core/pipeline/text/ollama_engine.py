"""Text from an Ollama server's own chat API (/api/chat), which takes a JSON Schema as
`format` and holds the model's answer to it."""

from collections.abc import Sequence
from typing import Any, Unpack

from echo_core.pipeline.text.chat_engine import ChatLimits, ChatTextEngine
from echo_core.pipeline.text.chat_messages import chat_request, message_content
from echo_core.pipeline.text.llm_schema import LlmRequestFailedError, Turn


class OllamaTextEngine(ChatTextEngine):
    def __init__(
        self,
        base_url: str,
        model: str,
        **limits: Unpack[ChatLimits],
    ) -> None:
        super().__init__(
            kind="ollama",
            model=model,
            url=f"{base_url.rstrip('/')}/api/chat",
            headers={},
            service=f"the Ollama server at {base_url}",
            model_setting="ECHO_OLLAMA_MODEL",
            **limits,
        )

    def _request_body(
        self, system: str, turns: Sequence[Turn], schema: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            **chat_request(self._model, system, turns),
            "format": schema,
            # One JSON reply rather than a stream of lines.
            "stream": False,
        }

    def _answer_text(self, reply: Any) -> str:
        content = message_content(reply.get("message") if isinstance(reply, dict) else None)
        if content is None:
            raise LlmRequestFailedError(
                f"The reply from {self._service} has no message content.", retryable=True
            )
        return content
