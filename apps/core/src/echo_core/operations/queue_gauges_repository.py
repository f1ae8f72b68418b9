"""What /metrics reports about the whole instance, read at scrape time: jobs by status and
the workers alive. Instance-wide on purpose: an operator's view, never a user's."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.config import Settings
from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.observability.metrics_text import QueueGauges
from echo_core.operations.worker_heartbeat_repository import WorkerHeartbeatRepository

# A worker that missed this many heartbeats in a row is not counted as alive.
MISSED_HEARTBEATS = 3


class QueueGaugesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def read(self, settings: Settings) -> QueueGauges:
        alive_since = utcnow() - timedelta(
            seconds=settings.worker_heartbeat_seconds * MISSED_HEARTBEATS
        )
        statement = select(VideoJob.status, func.count()).group_by(VideoJob.status)
        counted = {
            status: count for status, count in (await self._session.execute(statement)).all()
        }
        # Every status is reported, zero included, so a dashboard's series never vanish.
        jobs = {status.value: counted.get(status, 0) for status in ProcessingStatus}
        workers = await WorkerHeartbeatRepository(self._session).count_seen_since(alive_since)
        return QueueGauges(jobs_by_status=jobs, workers_alive=workers)
