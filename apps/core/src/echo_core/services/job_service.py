"""Reading a creator's processing jobs."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.errors import NotFoundError
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.operations.video_job_repository import VideoJobRepository

ACTIVE_STATUSES = (ProcessingStatus.PENDING, ProcessingStatus.PROCESSING)


class JobService:
    def __init__(self, session: AsyncSession) -> None:
        self._jobs = VideoJobRepository(session)

    async def list(
        self, owner_id: str, statuses: Sequence[ProcessingStatus], limit: int, offset: int
    ) -> tuple[list[VideoJob], int]:
        wanted = list(statuses) or list(ACTIVE_STATUSES)
        jobs = await self._jobs.get_by_user_id_and_statuses(owner_id, wanted, limit, offset)
        total = await self._jobs.count_by_user_id_and_statuses(owner_id, wanted)
        return jobs, total

    async def get(self, owner_id: str, job_id: str) -> VideoJob:
        job = await self._jobs.get_for_owner(job_id, owner_id)
        if job is None:
            raise NotFoundError("Job not found.")
        return job
