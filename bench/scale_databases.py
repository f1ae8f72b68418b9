"""Throwaway, migrated databases for the scale benchmark: SQLite, and bench_* on PostgreSQL."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from echo_core.events.postgres_bus import asyncpg_dsn
from echo_core.migrate import upgrade_to_head_async

# The tests' default: a local server, user postgres, trust authentication.
LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


async def sqlite_database(directory: Path) -> str:
    url = f"sqlite+aiosqlite:///{directory / 'echo.db'}"
    await upgrade_to_head_async(url)
    return url


async def _admin(admin_url: str, statement: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@asynccontextmanager
async def postgres_database(admin_url: str) -> AsyncIterator[str]:
    """A new, migrated database on the server of `admin_url`, dropped on the way out.

    The drop runs however the block ends (error, Ctrl-C, SIGTERM turned into SystemExit)
    and forces out connections a failed step may have left open.
    """
    name = f"bench_{uuid.uuid4().hex[:12]}"
    await _admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        await upgrade_to_head_async(url)
        yield url
    finally:
        await _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
