"""SQLite connections for the async engine that skip the driver's needless thread trips.

aiosqlite runs every call on the connection's own thread, one hand-over there and back per
call. A request that only reads still ends with a COMMIT (the request's transaction) and a
ROLLBACK (the pool's reset when the connection is returned), and sqlite3 does nothing for
either when no transaction is open: it only writes a BEGIN before a statement that
changes data. Skipping those two calls when SQLite says no transaction is open saves two of
a read's trips without changing what any call does.
"""

import sqlite3
from collections.abc import Awaitable, Callable
from functools import partial

import aiosqlite
from sqlalchemy.engine import make_url

# Rows read per trip when a result is iterated; aiosqlite's own default.
_ITER_CHUNK_SIZE = 64


class IdleAwareConnection(aiosqlite.Connection):
    """An aiosqlite connection whose commit and rollback stay on the event loop's thread
    when there is nothing to end."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, _ITER_CHUNK_SIZE)
        # As SQLAlchemy does for the connections it opens itself: a connection nobody
        # closed must not keep the process from exiting.
        self._thread.daemon = True

    async def commit(self) -> None:
        # `in_transaction` reads SQLite's autocommit flag without a trip to the thread.
        if self.in_transaction:
            await super().commit()

    async def rollback(self) -> None:
        if self.in_transaction:
            await super().rollback()


def sqlite_connector(
    url: str, timeout_seconds: float
) -> Callable[[], Awaitable[aiosqlite.Connection]]:
    """The engine's `async_creator` for `url`: the arguments SQLAlchemy's dialect reads from
    the URL (file, `uri`, `check_same_thread`), plus the busy timeout."""
    parsed = make_url(url)
    arguments, options = parsed.get_dialect()().create_connect_args(parsed)
    connect = partial(sqlite3.connect, *arguments, **options, timeout=timeout_seconds)

    async def open_connection() -> aiosqlite.Connection:
        return await IdleAwareConnection(connect)

    return open_connection
