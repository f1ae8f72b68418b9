"""Throwaway databases for the benchmarks: a SQLite file in the run's directory, or a new
bench_<random> database on a PostgreSQL server, dropped at the end whatever happens."""

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


async def _admin(admin_url: str, statement: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@asynccontextmanager
async def throwaway_database(
    kind: str, directory: Path, admin_url: str, migrated: bool
) -> AsyncIterator[str]:
    """Yields the SQLAlchemy URL of a new database: `kind` "sqlite" (a file in `directory`)
    or "postgresql" (on the server of `admin_url`); `migrated`, or left for `echo-core
    serve` to migrate when it starts.

    A PostgreSQL database is dropped however the block ends (error, Ctrl-C, SIGTERM turned
    into SystemExit), forcing out connections a failed step may have left open.
    """
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{directory / 'echo.db'}"
        if migrated:
            await upgrade_to_head_async(url)
        yield url
        return
    name = f"bench_{uuid.uuid4().hex[:12]}"
    await _admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        if migrated:
            await upgrade_to_head_async(url)
        yield url
    finally:
        await _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
