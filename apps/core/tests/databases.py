"""Real databases for tests: a migrated template per run, a fresh copy per test."""

import os
import shutil
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from echo_core.migrate import upgrade_to_head_async

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def postgres_admin_url() -> str | None:
    """The server to test against: ECHO_TEST_DATABASE_URL, or a local one if it answers."""
    configured = os.environ.get("ECHO_TEST_DATABASE_URL")
    if configured:
        return configured
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return DEFAULT_POSTGRES_URL
    except OSError:
        return None


def postgres_required() -> bool:
    return os.environ.get("ECHO_REQUIRE_POSTGRES", "") in ("1", "true", "yes")


def _dsn(sqlalchemy_url: str, database: str) -> str:
    url = make_url(sqlalchemy_url).set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


def _with_database(sqlalchemy_url: str, database: str) -> str:
    return make_url(sqlalchemy_url).set(database=database).render_as_string(hide_password=False)


class SqliteDatabases:
    def __init__(self, root: Path) -> None:
        self._template = root / "template.db"

    async def prepare(self) -> None:
        await upgrade_to_head_async(f"sqlite+aiosqlite:///{self._template}")

    @asynccontextmanager
    async def fresh(self, directory: Path) -> AsyncIterator[str]:
        path = directory / "echo.db"
        shutil.copyfile(self._template, path)
        yield f"sqlite+aiosqlite:///{path}"

    async def close(self) -> None:
        return None


class PostgresDatabases:
    def __init__(self, admin_url: str) -> None:
        self._admin_url = admin_url
        self._template = f"echo_template_{uuid.uuid4().hex[:12]}"

    async def _admin(self, statement: str) -> None:
        admin_db = make_url(self._admin_url).database or "postgres"
        connection = await asyncpg.connect(_dsn(self._admin_url, admin_db))
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    async def prepare(self) -> None:
        await self._admin(f'CREATE DATABASE "{self._template}"')
        await upgrade_to_head_async(_with_database(self._admin_url, self._template))

    @asynccontextmanager
    async def fresh(self, _directory: Path) -> AsyncIterator[str]:
        name = f"echo_test_{uuid.uuid4().hex[:12]}"
        await self._admin(
            f'CREATE DATABASE "{name}" TEMPLATE "{self._template}" STRATEGY FILE_COPY'
        )
        try:
            yield _with_database(self._admin_url, name)
        finally:
            await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    async def close(self) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{self._template}" WITH (FORCE)')
