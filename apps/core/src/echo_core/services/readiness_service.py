"""Whether this process can serve: its database and its storage answer, each within a
time limit, so a hung dependency makes the check fail instead of hang."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.operations.database_ping import ping
from echo_core.storage.base import Storage

logger = logging.getLogger(__name__)
CheckResult = Literal["ok", "unreachable", "timed_out"]
# Asked of the storage: reading whether a key exists needs the store to answer, changes
# nothing, and costs one request on S3.
PROBE_KEY = "readiness-probe"


@dataclass(frozen=True)
class Readiness:
    database: CheckResult
    storage: CheckResult

    @property
    def ready(self) -> bool:
        return self.database == "ok" and self.storage == "ok"


class ReadinessService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        storage: Storage,
        timeout_seconds: float,
    ) -> None:
        self._session_factory = session_factory
        self._storage = storage
        self._timeout = timeout_seconds

    async def check(self) -> Readiness:
        database, storage = await asyncio.gather(
            self._run("database", self._database), self._run("storage", self._storage_answers)
        )
        return Readiness(database=database, storage=storage)

    async def _database(self) -> None:
        # A session of its own: a request's transaction would fail before the check ran.
        async with self._session_factory() as session:
            await ping(session)

    async def _storage_answers(self) -> None:
        await self._storage.exists(PROBE_KEY)

    async def _run(self, name: str, check: Callable[[], Awaitable[None]]) -> CheckResult:
        try:
            async with asyncio.timeout(self._timeout):
                await check()
        except TimeoutError:
            logger.warning("not ready: the %s did not answer within %ss", name, self._timeout)
            return "timed_out"
        except Exception as error:
            # The details (hosts, buckets) go to the log, not to an unauthenticated caller.
            logger.warning("not ready: the %s is unreachable: %s", name, error)
            return "unreachable"
        return "ok"
