"""The chat format OpenAI's chat completions and Ollama's /api/chat share: a request names
the model and the conversation as role messages, and the answer is one such message."""

from collections.abc import Sequence
from typing import Any

from echo_core.pipeline.text.llm_schema import Turn


def chat_request(model: str, system: str, turns: Sequence[Turn]) -> dict[str, Any]:
    """The part of a request both take; each adds how it asks for structured output."""
    return {
        "model": model,
        "messages": [
            {"role": "system", "content": system},
            *({"role": turn.role, "content": turn.text} for turn in turns),
        ],
    }


def message_content(message: Any) -> str | None:
    """The text of an answer's message, or None when it has none worth reading."""
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str) or not content.strip():
        return None
    return content
