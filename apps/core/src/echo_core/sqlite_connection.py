"""SQLite connections for the async engine that spare the driver's needless thread trips.

aiosqlite runs every call on the connection's own thread: one hand-over there and back per
call, which on a busy machine costs more than SQLite answering a primary-key probe. Through
SQLAlchemy's adapter a plain aiosqlite connection takes four trips per statement (open a
cursor, execute, fetch, close), and a request that only reads still ends with a COMMIT
(the request's transaction) and a ROLLBACK (the pool's reset of a returned connection).

Here a statement is executed, read to its end and closed in one trip, and commit and
rollback stay on the event loop's thread when SQLite has no transaction open (sqlite3 does
nothing for either then: it writes a BEGIN only before a statement that changes data).
What each call does is unchanged; only the number of trips is.
"""

import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any, Self

import aiosqlite
from sqlalchemy.engine import make_url

# Rows read per trip when aiosqlite's own cursor is iterated; aiosqlite's default.
_ITER_CHUNK_SIZE = 64

Parameters = Sequence[Any] | dict[str, Any]


@dataclass(frozen=True)
class _Outcome:
    rows: list[Any]
    description: Any
    rowcount: int
    lastrowid: int | None


def _run_to_the_end(
    connection: sqlite3.Connection, sql: str, parameters: Any, many: bool
) -> _Outcome:
    """On the connection's thread: the whole of one statement, its cursor closed after."""
    cursor = (
        connection.executemany(sql, parameters) if many else connection.execute(sql, parameters)
    )
    try:
        rows = cursor.fetchall()
        return _Outcome(rows, cursor.description, cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


class OneTripCursor:
    """The cursor SQLAlchemy's adapter is given: each statement is one trip, its rows read
    whole. The adapter reads every result whole anyway, except through a server-side
    cursor (`stream()`, `yield_per`), which Echo does not use."""

    arraysize = 1

    def __init__(self, connection: "IdleAwareConnection") -> None:
        self._connection = connection
        self._rows: list[Any] = []
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        _kind: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Parameters = ()) -> Self:
        self._keep(await self._connection.run_to_the_end(sql, parameters, many=False))
        return self

    async def executemany(self, sql: str, parameters: Sequence[Parameters]) -> Self:
        self._keep(await self._connection.run_to_the_end(sql, parameters, many=True))
        return self

    def _keep(self, outcome: _Outcome) -> None:
        self._rows = outcome.rows
        self.description = outcome.description
        self.rowcount = outcome.rowcount
        self.lastrowid = outcome.lastrowid

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        taken = self.arraysize if size is None else size
        rows, self._rows = self._rows[:taken], self._rows[taken:]
        return rows

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def close(self) -> None:
        self._rows = []


class IdleAwareConnection(aiosqlite.Connection):
    """An aiosqlite connection whose statements take one trip each, and whose commit and
    rollback take none when there is nothing to end."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, _ITER_CHUNK_SIZE)
        # As SQLAlchemy does for the connections it opens itself: a connection nobody
        # closed must not keep the process from exiting.
        self._thread.daemon = True

    # SQLAlchemy's adapter enters what cursor() returns; aiosqlite's returns an awaitable
    # context manager of its own cursor, which would take a trip for each call.
    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)

    async def run_to_the_end(self, sql: str, parameters: Any, many: bool) -> _Outcome:
        # aiosqlite's own way onto its thread (every public call goes through it); untyped.
        run = partial(_run_to_the_end, self._conn, sql, parameters, many)
        outcome: _Outcome = await self._execute(run)  # type: ignore[no-untyped-call]
        return outcome

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
