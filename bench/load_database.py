"""The load benchmark's database: a throwaway bench_<random> database on a PostgreSQL
server (dropped at the end, whatever happens), or a SQLite file in the run's directory.
`echo-core serve` migrates it when it starts."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from echo_core.events.postgres_bus import asyncpg_dsn

# The tests' default: a local server, user postgres, trust authentication.
LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


async def _admin(admin_url: str, statement: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@asynccontextmanager
async def throwaway_database(kind: str, directory: Path, admin_url: str) -> AsyncIterator[str]:
    """Yields the SQLAlchemy URL the server and the workers share."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{directory / 'echo.db'}"
        return
    name = f"bench_{uuid.uuid4().hex[:12]}"
    await _admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        await _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
