"""Text from Google's Gemini API (generateContent)."""

from collections.abc import Sequence
from typing import Any, Unpack

from echo_core.pipeline.text.chat_engine import ChatLimits, ChatTextEngine
from echo_core.pipeline.text.llm_schema import LlmRequestFailedError, Turn

# Gemini calls the assistant's side of a conversation "model".
_ROLES = {"user": "user", "assistant": "model"}


class GeminiTextEngine(ChatTextEngine):
    def __init__(
        self,
        api_key: str,
        model: str,
        base_url: str = "https://generativelanguage.googleapis.com",
        **limits: Unpack[ChatLimits],
    ) -> None:
        super().__init__(
            kind="gemini",
            model=model,
            url=f"{base_url.rstrip('/')}/v1beta/models/{model}:generateContent",
            headers={"x-goog-api-key": api_key},
            service="Gemini",
            model_setting="ECHO_GEMINI_MODEL",
            **limits,
        )

    def _request_body(
        self, system: str, turns: Sequence[Turn], schema: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "systemInstruction": {"parts": [{"text": system}]},
            "contents": [
                {"role": _ROLES[turn.role], "parts": [{"text": turn.text}]} for turn in turns
            ],
            # responseJsonSchema takes plain JSON Schema (responseSchema, OpenAPI's subset).
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseJsonSchema": schema,
            },
        }

    def _answer_text(self, reply: Any) -> str:
        candidates = reply.get("candidates") if isinstance(reply, dict) else None
        if not candidates:
            # A prompt Gemini refuses comes back with no candidates and a block reason.
            feedback = reply.get("promptFeedback", {}) if isinstance(reply, dict) else {}
            reason = feedback.get("blockReason") if isinstance(feedback, dict) else None
            raise LlmRequestFailedError(
                f"Gemini blocked the request ({reason})." if reason else "Gemini sent no answer.",
                retryable=not reason,
            )
        try:
            parts = candidates[0]["content"]["parts"]
            # Thinking models may add their reasoning as separate parts marked "thought".
            text = "".join(part.get("text", "") for part in parts if not part.get("thought"))
        except (KeyError, IndexError, TypeError) as error:
            finish = candidates[0].get("finishReason") if isinstance(candidates[0], dict) else None
            raise LlmRequestFailedError(
                f"Gemini sent an answer without text (finish reason {finish}).", retryable=True
            ) from error
        if not text.strip():
            raise LlmRequestFailedError("Gemini's answer was empty.", retryable=True)
        return text
