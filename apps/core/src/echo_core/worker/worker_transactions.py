"""The worker's transactions: each call is one committed unit of work."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.db import is_connection_error
from echo_core.transaction import run_in_own_transaction

T = TypeVar("T")
logger = logging.getLogger(__name__)

# How long a worker waits for the database to come back before it gives up on its work
# (which another claim then resumes once the lease lapses), and how often it tries.
OUTAGE_PATIENCE_SECONDS = 60.0
OUTAGE_RETRY_SECONDS = 0.5


class WorkerTransactions:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    @property
    def session_factory(self) -> async_sessionmaker[AsyncSession]:
        return self._session_factory

    async def _in_transaction(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        return await run_in_own_transaction(self._session_factory, work)

    async def _in_transaction_waiting_out_outages(
        self, work: Callable[[AsyncSession], Awaitable[T]]
    ) -> T:
        """For the writes of work this worker holds (a job, a publication): a database
        that restarts in the middle of a stage or an upload must not throw the work away.
        Safe to repeat: each write is conditioned on the lease, and writing the same values
        twice changes nothing. Not for claims, which are not idempotent; the worker loop
        retries those.
        """
        deadline = time.monotonic() + OUTAGE_PATIENCE_SECONDS
        while True:
            try:
                return await self._in_transaction(work)
            except Exception as error:
                if not is_connection_error(error) or time.monotonic() >= deadline:
                    raise
                logger.warning("database unreachable, retrying: %s", _first_line(error))
            await asyncio.sleep(OUTAGE_RETRY_SECONDS)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
