"""The instance's settings, which only its admins may read and change: the text engine."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.errors import ForbiddenError, InvalidInputError
from echo_core.models.instance_settings import InstanceSettings
from echo_core.operations.instance_settings_repository import InstanceSettingsRepository
from echo_core.operations.user_repository import UserRepository
from echo_core.pipeline.text.engine_probe import EngineProbe, probe_text_engine
from echo_core.pipeline.text.saved_choice import (
    ENGINE_FIELDS,
    TextEngineKind,
    effective_settings,
    saved_text_engine,
)

logger = logging.getLogger(__name__)

ADMINS_ONLY = "Only an admin of this Echo instance can see or change its settings."
# Kinds whose address, model and key the app can set; the others find their own engine.
_TAKES_AN_ENDPOINT = tuple(ENGINE_FIELDS)


@dataclass(frozen=True)
class TextEngineView:
    kind: TextEngineKind  # in effect: saved in the app, else ECHO_TEXT_ENGINE
    base_url: str | None  # saved in the app; None means the environment's default
    model: str | None
    api_key_set: bool  # a key is saved in the app (it is never shown)


class InstanceSettingsService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self._settings = settings
        self._rows = InstanceSettingsRepository(session)
        self._users = UserRepository(session)

    async def ensure_admin(self, user_id: str) -> None:
        """403 for anyone but an admin: instance settings are a question of role, and every
        signed-in user knows they exist, so there is nothing to hide behind a 404."""
        user = await self._users.get_by_id(user_id)
        if user is None or not user.is_admin:
            raise ForbiddenError(ADMINS_ONLY)

    async def text_engine(self) -> TextEngineView:
        return self._view(await self._rows.get())

    async def update_text_engine(self, changes: Mapping[str, str | None]) -> TextEngineView:
        """Apply the fields given (None puts one back to its default).

        Changing the kind or the base URL drops a saved key unless a new one comes with the
        change: a key is only ever sent where it was saved for, so nobody can move it to
        another server and read it there.
        """
        row = await self._rows.get_or_create()
        if "kind" in changes:
            if (changes["kind"] or self._settings.text_engine) != self._kind(row):
                row.text_engine_base_url = None
                row.text_engine_model = None
                row.text_engine_api_key_encrypted = None
            row.text_engine_kind = changes["kind"]
        if "base_url" in changes and changes["base_url"] != row.text_engine_base_url:
            row.text_engine_base_url = changes["base_url"]
            row.text_engine_api_key_encrypted = None
        if "model" in changes:
            row.text_engine_model = changes["model"]
        if "api_key" in changes:
            key = changes["api_key"]
            row.text_engine_api_key_encrypted = self._box().seal(key) if key else None
        self._check(row)
        await self._rows.flush()
        return self._view(row)

    async def test_text_engine(self) -> EngineProbe:
        return await probe_text_engine(await self.effective_settings())

    async def effective_settings(self) -> Settings:
        """The settings with the admin's choices laid over the environment's: what jobs use."""
        return effective_settings(self._settings, await self._rows.get())

    def _check(self, row: InstanceSettings) -> None:
        kind = self._kind(row)
        if kind not in _TAKES_AN_ENDPOINT:
            for field, value in (
                ("base_url", row.text_engine_base_url),
                ("model", row.text_engine_model),
                ("api_key", row.text_engine_api_key_encrypted),
            ):
                if value is not None:
                    raise InvalidInputError(
                        f"The {kind} text engine takes no {field.replace('_', ' ')}; "
                        "choose openai, gemini or ollama to set one.",
                        f"text_engine.{field}",
                    )
        if kind == "ollama" and row.text_engine_api_key_encrypted is not None:
            raise InvalidInputError("Ollama takes no API key.", "text_engine.api_key")

    def _kind(self, row: InstanceSettings | None) -> TextEngineKind:
        saved = row.text_engine_kind if row is not None else None
        return cast(TextEngineKind, saved or self._settings.text_engine)

    def _view(self, row: InstanceSettings | None) -> TextEngineView:
        return TextEngineView(
            kind=self._kind(row),
            base_url=row.text_engine_base_url if row else None,
            model=row.text_engine_model if row else None,
            api_key_set=row is not None
            and saved_text_engine(row, self._settings).api_key is not None,
        )

    def _box(self) -> SecretBox:
        return SecretBox.from_settings(self._settings)
