"""The text engine an admin saved in the app, laid over the `ECHO_*` defaults.

Settings saved in the app win; whatever was left empty keeps its environment variable. A
key from the environment is only ever sent to the address from the environment: with a base
URL saved in the app, only a key saved with it goes there.
"""

import logging
from dataclasses import dataclass
from typing import Any, Literal, cast

from pydantic import SecretStr

from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.models.instance_settings import InstanceSettings

logger = logging.getLogger(__name__)

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
            update[fields.api_key] = SecretStr(saved.api_key) if saved.api_key else None
    return settings.model_copy(update=update)


def saved_text_engine(row: InstanceSettings, settings: Settings) -> SavedTextEngine:
    """What the row holds, its API key decrypted."""
    return SavedTextEngine(
        kind=cast(TextEngineKind | None, row.text_engine_kind),
        base_url=row.text_engine_base_url,
        model=row.text_engine_model,
        api_key=_opened_key(row, settings),
    )


def effective_settings(settings: Settings, row: InstanceSettings | None) -> Settings:
    """The settings jobs use: the admin's saved choices (`row`) over the environment's."""
    return (
        settings
        if row is None
        else with_saved_text_engine(settings, saved_text_engine(row, settings))
    )


def _opened_key(row: InstanceSettings, settings: Settings) -> str | None:
    sealed = row.text_engine_api_key_encrypted
    if sealed is None:
        return None
    key = SecretBox.from_settings(settings).open(sealed)
    if key is None:
        # The secret key changed since the key was saved: it reads as not set.
        logger.warning(
            "the text engine's saved API key cannot be decrypted (ECHO_SECRET_KEY or "
            "DATA_DIR/secret_key changed); enter it again on the Settings page"
        )
    return key


def default_of(settings: Settings, kind: str, field: Literal["base_url", "model"]) -> str | None:
    """What applies to `kind` when nothing is saved in the app."""
    fields = ENGINE_FIELDS.get(kind)
    if fields is None:
        return None
    value: str | None = getattr(settings, getattr(fields, field))
    return value
