"""The text engine an admin saved in the app, laid over the `ECHO_*` defaults.

Settings saved in the app win; whatever was left empty keeps its environment variable. A
key from the environment is only ever sent to the address from the environment: with a base
URL saved in the app, only a key saved with it goes there.
"""

from dataclasses import dataclass
from typing import Any, Literal

from echo_core.config import Settings

TextEngineKind = Literal["auto", "local", "openai", "gemini", "ollama"]


@dataclass(frozen=True)
class EngineFields:
    """Which settings hold a kind's address, model and key (None: it takes no key)."""

    base_url: str
    model: str
    api_key: str | None


ENGINE_FIELDS: dict[str, EngineFields] = {
    "openai": EngineFields("openai_base_url", "openai_chat_model", "openai_api_key"),
    "gemini": EngineFields("gemini_base_url", "gemini_model", "gemini_api_key"),
    "ollama": EngineFields("ollama_url", "ollama_model", None),
}


@dataclass(frozen=True)
class SavedTextEngine:
    kind: TextEngineKind | None  # None: ECHO_TEXT_ENGINE
    base_url: str | None
    model: str | None
    api_key: str | None  # decrypted


def with_saved_text_engine(settings: Settings, saved: SavedTextEngine | None) -> Settings:
    """`settings` itself when nothing is saved, else a copy with the saved choice in it."""
    if saved is None or saved == SavedTextEngine(None, None, None, None):
        return settings
    kind = saved.kind or settings.text_engine
    update: dict[str, Any] = {"text_engine": kind}
    fields = ENGINE_FIELDS.get(kind)
    if fields is not None:
        if saved.base_url:
            update[fields.base_url] = saved.base_url
        if saved.model:
            update[fields.model] = saved.model
        if fields.api_key and (saved.api_key or saved.base_url):
            update[fields.api_key] = saved.api_key
    return settings.model_copy(update=update)


def default_of(settings: Settings, kind: str, field: Literal["base_url", "model"]) -> str | None:
    """What applies to `kind` when nothing is saved in the app."""
    fields = ENGINE_FIELDS.get(kind)
    if fields is None:
        return None
    value: str | None = getattr(settings, getattr(fields, field))
    return value
