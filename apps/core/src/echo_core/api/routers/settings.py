"""The instance's settings: admins only (403 for everyone else)."""

from typing import cast

from fastapi import APIRouter

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import InstanceSettingsServiceDep, PrincipalDep, SettingsDep
from echo_core.api.schemas.common import error_responses
from echo_core.api.schemas.settings import (
    SettingsSchema,
    SettingsUpdateSchema,
    TextEngineDefaultsSchema,
    TextEngineSettingsSchema,
    TextEngineTestSchema,
)
from echo_core.config import Settings
from echo_core.pipeline.text.saved_choice import ENGINE_FIELDS, TextEngineKind, default_of
from echo_core.services.instance_settings_service import TextEngineView
from echo_core.settings_types import revealed

router = APIRouter(prefix="/settings", tags=["settings"], route_class=CheckedRoute)


@router.get(
    "", name="settings-get", response_model=SettingsSchema, responses=error_responses(401, 403)
)
async def get_settings(
    principal: PrincipalDep, service: InstanceSettingsServiceDep, settings: SettingsDep
) -> SettingsSchema:
    """The text engine in effect: what is saved here, over the `ECHO_*` defaults. The API
    key is never shown, only whether one is saved."""
    await service.ensure_admin(principal.user_id)
    return _present(await service.text_engine(), settings)


@router.patch(
    "",
    name="settings-update",
    response_model=SettingsSchema,
    responses=error_responses(401, 403, 413),
)
async def update_settings(
    body: SettingsUpdateSchema,
    principal: PrincipalDep,
    service: InstanceSettingsServiceDep,
    settings: SettingsDep,
) -> SettingsSchema:
    """Change the text engine. Saved settings win over the environment's; jobs use them
    from their next text stage on."""
    await service.ensure_admin(principal.user_id)
    changes = body.text_engine.model_dump(include=body.text_engine.model_fields_set)
    view = await service.update_text_engine(changes)
    return _present(view, settings)


@router.post(
    "/text-engine/test",
    name="settings-test-text-engine",
    response_model=TextEngineTestSchema,
    responses=error_responses(401, 403),
)
async def test_text_engine(
    principal: PrincipalDep, service: InstanceSettingsServiceDep, settings: SettingsDep
) -> TextEngineTestSchema:
    """Send the saved text engine one tiny request, as a job would, and say what happened.
    A failure is an answer too (200 with `ok: false`): the message says what to change."""
    await service.ensure_admin(principal.user_id)
    probe = await service.test_text_engine()
    return TextEngineTestSchema(ok=probe.ok, engine=probe.engine, message=probe.message)


def _present(view: TextEngineView, settings: Settings) -> SettingsSchema:
    return SettingsSchema(
        text_engine=TextEngineSettingsSchema(
            kind=view.kind,
            base_url=view.base_url,
            model=view.model,
            api_key_set=view.api_key_set,
            defaults=[_defaults(cast(TextEngineKind, kind), settings) for kind in ENGINE_FIELDS],
        )
    )


def _defaults(kind: TextEngineKind, settings: Settings) -> TextEngineDefaultsSchema:
    key_setting = ENGINE_FIELDS[kind].api_key
    return TextEngineDefaultsSchema(
        kind=kind,
        base_url=default_of(settings, kind, "base_url") or "",
        model=default_of(settings, kind, "model"),
        takes_api_key=key_setting is not None,
        environment_api_key_set=bool(key_setting and revealed(getattr(settings, key_setting))),
    )
