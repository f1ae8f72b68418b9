"""A creator's processing jobs: reading them, canceling and retrying them."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.errors import ConflictError, NotFoundError
from echo_core.events.bus import EventBus
from echo_core.events.job_event import job_event
from echo_core.models.base import utcnow
from echo_core.models.processing_status import (
    FINISHED_STATUSES,
    UNFINISHED_STATUSES,
    ProcessingStatus,
)
from echo_core.models.stage_state import reset_unfinished
from echo_core.models.video_job import VideoJob
from echo_core.operations.video_job_repository import VideoJobRepository
from echo_core.services.job_announcements import announce_after_commit
from echo_core.services.queue_admission import QueueAdmission

RETRYABLE_STATUSES = (ProcessingStatus.FAILED, ProcessingStatus.CANCELED)


class JobService:
    def __init__(self, session: AsyncSession, events: EventBus) -> None:
        self._session = session
        self._jobs = VideoJobRepository(session)
        self._events = events

    async def list(
        self, owner_id: str, statuses: Sequence[ProcessingStatus], limit: int, offset: int
    ) -> tuple[list[VideoJob], int]:
        wanted = list(statuses) or list(UNFINISHED_STATUSES)
        jobs = await self._jobs.get_by_user_id_and_statuses(owner_id, wanted, limit, offset)
        total = await self._jobs.count_by_user_id_and_statuses(owner_id, wanted)
        return jobs, total

    async def get(self, owner_id: str, job_id: str) -> VideoJob:
        job = await self._jobs.get_for_owner(job_id, owner_id)
        if job is None:
            raise NotFoundError("Job not found.")
        return job

    async def cancel(self, owner_id: str, job_id: str) -> VideoJob:
        """Stop a job; its worker notices at its next lease renewal or save and lets go."""
        job = await self.get(owner_id, job_id)
        if job.status in FINISHED_STATUSES:
            raise ConflictError(f"This job is already {job.status.value.lower()}.")
        job.status = ProcessingStatus.CANCELED
        job.lease_owner = None
        job.lease_expires_at = None
        job.finished_at = utcnow()
        job.error_message = "Canceled."
        await self._jobs.save(job)
        self._announce(job)
        return job

    async def retry(self, owner_id: str, job_id: str, queue: QueueAdmission) -> VideoJob:
        """Queue a failed or canceled job again; stages that finished keep their output."""
        job = await self.get(owner_id, job_id)
        if job.status not in RETRYABLE_STATUSES:
            raise ConflictError("Only a failed or canceled job can be retried.")
        job.queue_turn = await queue.admit(owner_id, job.video_id)
        job.status = ProcessingStatus.PENDING
        job.attempts = 0
        job.error_message = None
        # Not started until a worker takes it again: the turn in service counts started jobs.
        job.started_at = None
        job.finished_at = None
        job.processing_stages = reset_unfinished(job.processing_stages)
        await self._jobs.save(job)
        self._announce(job)
        return job

    def _announce(self, job: VideoJob) -> None:
        event = job_event(job, job.video.uploader_user_id, job.status)
        announce_after_commit(self._session, self._events, event)
