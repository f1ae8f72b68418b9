"""Job events across processes and machines through PostgreSQL LISTEN/NOTIFY."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from echo_core.events.bus import LocalFanout
from echo_core.events.job_event import JobEvent

CHANNEL = "echo_job_events"
_RECONNECT_SECONDS = 2.0
logger = logging.getLogger(__name__)


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    return (
        make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


class _Listening:
    """A LISTEN connection, and the event that is set when the server drops it."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self.connection = connection
        self.lost = asyncio.Event()
        connection.add_termination_listener(lambda _connection: self.lost.set())

    async def close(self) -> None:
        if not self.connection.is_closed():
            await self.connection.close()


class PostgresEventBus:
    """Publishes with NOTIFY; one LISTEN connection per process feeds local subscribers."""

    def __init__(self, database_url: str) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._fanout = LocalFanout()
        self._publisher: asyncpg.Connection | None = None
        self._publish_lock = asyncio.Lock()
        self._listener_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start listening. The first LISTEN is made before this returns, so a worker that
        says it is waiting for jobs hears the next one announced."""
        if self._listener_task is None:
            first = await self._connect_and_listen()
            self._listener_task = asyncio.create_task(self._listen_forever(first))

    async def publish(self, event: JobEvent) -> None:
        async with self._publish_lock:
            try:
                if self._publisher is None or self._publisher.is_closed():
                    self._publisher = await asyncpg.connect(self._dsn)
                await self._publisher.execute("SELECT pg_notify($1, $2)", CHANNEL, event.to_json())
            except (OSError, asyncpg.PostgresError) as error:
                # Events are hints; clients also refetch, so a lost one costs only latency.
                logger.warning("could not publish job event: %s", error)
                self._publisher = None

    def subscribe(self) -> contextlib.AbstractAsyncContextManager[AsyncIterator[JobEvent]]:
        return self._fanout.subscribe()

    async def close(self) -> None:
        if self._listener_task is not None:
            self._listener_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener_task
            self._listener_task = None
        if self._publisher is not None and not self._publisher.is_closed():
            await self._publisher.close()
        self._publisher = None

    async def _listen_forever(self, listening: _Listening | None) -> None:
        while True:
            if listening is not None:
                await self._listen_until_lost(listening)
            await asyncio.sleep(_RECONNECT_SECONDS)
            listening = await self._connect_and_listen()

    async def _connect_and_listen(self) -> _Listening | None:
        try:
            connection = await asyncpg.connect(self._dsn)
        except (OSError, asyncpg.PostgresError) as error:
            logger.warning("event listener cannot connect, retrying: %s", error)
            return None
        listening = _Listening(connection)
        try:
            await connection.add_listener(CHANNEL, self._on_notify)
        except (OSError, asyncpg.PostgresError) as error:
            logger.warning("event listener could not LISTEN, retrying: %s", error)
            await listening.close()
            return None
        return listening

    async def _listen_until_lost(self, listening: _Listening) -> None:
        try:
            await listening.lost.wait()
            logger.warning("event listener lost its connection, reconnecting")
        finally:
            await listening.close()

    def _on_notify(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            event = JobEvent.from_json(payload)
        except (ValueError, TypeError):
            logger.warning("ignoring malformed job event: %r", payload[:200])
            return
        self._fanout.deliver(event)
