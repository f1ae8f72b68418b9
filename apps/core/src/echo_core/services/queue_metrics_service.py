"""The queue as /metrics reports it, read from the database when scraped."""

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.config import Settings
from echo_core.observability.metrics_text import QueueGauges
from echo_core.operations.queue_gauges_repository import QueueGaugesRepository

logger = logging.getLogger(__name__)


class QueueMetricsService:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], settings: Settings
    ) -> None:
        self._session_factory = session_factory
        self._settings = settings

    async def gauges(self) -> QueueGauges | None:
        """None while the database cannot be read: the scrape still gets this process's
        counters, and /api/ready tells what is wrong."""
        try:
            # A session of its own, read only: a scrape has nothing to commit.
            async with self._session_factory() as session:
                return await QueueGaugesRepository(session).read(self._settings)
        except Exception as error:
            logger.warning("metrics: the queue could not be read: %s", error)
            return None
