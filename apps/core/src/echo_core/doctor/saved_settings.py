"""The settings a job would use: the admin's choices saved in the database over the
environment's, when there is a database to read them from."""

import asyncio

from echo_core.config import Settings
from echo_core.db import create_engine, create_session_factory
from echo_core.doctor.database_check import CONNECT_TIMEOUT_SECONDS, sqlite_file_missing
from echo_core.services.instance_settings_service import InstanceSettingsService


async def with_saved_choices(settings: Settings) -> tuple[Settings, bool]:
    """The effective settings, and whether any came from the database."""
    url = settings.resolved_database_url
    if sqlite_file_missing(url):
        return settings, False
    engine = create_engine(url)
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
            async with create_session_factory(engine)() as session:
                effective = await InstanceSettingsService(session, settings).effective_settings()
    except Exception:  # unreachable or not migrated: the database check says which
        return settings, False
    finally:
        await engine.dispose()
    return effective, effective is not settings
