"""Async engine and session factory for SQLite (embedded) and PostgreSQL."""

import socket
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from echo_core.sqlite_connection import sqlite_connector


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the API read while a worker writes; foreign keys make the cascades real;
    # busy_timeout makes concurrent writers wait instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    # SQLite's own lower() only folds ASCII, so "été" would not find "Été.mp4" as it does
    # on PostgreSQL; ILIKE compiles to lower() on SQLite, so replace it with Python's.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


# SQLSTATE classes of a server that is away: 08 connection exceptions, 57P shutting down or
# starting up (admin_shutdown, crash_shutdown, cannot_connect_now).
_SERVER_AWAY_SQLSTATES = ("08", "57P")


def is_connection_error(error: BaseException) -> bool:
    """The database could not be reached, or dropped the connection (a restart, a failover):
    worth trying again once it is back, unlike an error in the statement itself."""
    if (
        isinstance(error, (ConnectionError, TimeoutError, socket.gaierror))
        or type(error) is OSError
    ):
        # asyncpg's own connect raises these unwrapped: refused, reset, timed out, no route
        # (a plain OSError, as is "Multiple exceptions" when every address failed). Its
        # other subclasses (a missing file, no permission) are not about the network.
        return True
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None) or ""
        return error.connection_invalidated or sqlstate.startswith(_SERVER_AWAY_SQLSTATES)
    return False


def create_engine(url: str) -> AsyncEngine:
    if is_sqlite(url):
        engine = create_async_engine(url, async_creator=sqlite_connector(url, timeout_seconds=30))
        event.listen(engine.sync_engine, "connect", _enable_sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
