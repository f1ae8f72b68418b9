"""The queue's statements: claiming, leases, progress and outcomes on `video_jobs`.

Every write by a worker is conditioned on it still holding the lease, so a worker that
lost its job (lease expired and reclaimed, or the job was canceled) changes nothing.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.operations.leased_claim import claim_with_lease

# Bound parameters per IN list; old SQLite builds allow 999 in one statement.
_IDS_PER_QUERY = 500


def _runnable(now: datetime, max_attempts: int) -> Any:
    expired = and_(
        VideoJob.status == ProcessingStatus.PROCESSING,
        VideoJob.lease_expires_at < now,
    )
    return and_(
        or_(VideoJob.status == ProcessingStatus.PENDING, expired), VideoJob.attempts < max_attempts
    )


class JobQueueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim_next(
        self, worker_id: str, lease_seconds: float, max_attempts: int
    ) -> VideoJob | None:
        """Take the runnable job with the lowest turn (then the oldest), stamping this
        worker's lease. Turns make claims round-robin between owners
        (services/queue_admission.py)."""
        now = utcnow()
        claimed_id = await claim_with_lease(
            self._session,
            VideoJob,
            _runnable(now, max_attempts),
            (VideoJob.priority.desc(), VideoJob.queue_turn, VideoJob.created_at, VideoJob.id),
            worker_id,
            now + timedelta(seconds=lease_seconds),
            status=ProcessingStatus.PROCESSING,
            started_at=now,
            finished_at=None,
            updated_at=now,
        )
        if claimed_id is None:
            return None
        return await self.get_with_details(claimed_id)

    async def fail_abandoned(self, max_attempts: int, message: str) -> list[VideoJob]:
        """Jobs whose worker died on their last allowed attempt: mark them FAILED."""
        now = utcnow()
        statement = (
            update(VideoJob)
            .where(
                VideoJob.status == ProcessingStatus.PROCESSING,
                VideoJob.lease_expires_at < now,
                VideoJob.attempts >= max_attempts,
            )
            .values(
                status=ProcessingStatus.FAILED,
                error_message=message,
                lease_owner=None,
                lease_expires_at=None,
                finished_at=now,
                updated_at=now,
            )
            .returning(VideoJob.id)
            .execution_options(synchronize_session=False)
        )
        failed_ids = list((await self._session.execute(statement)).scalars())
        return [job for job_id in failed_ids if (job := await self.get_with_details(job_id))]

    async def get_with_details(self, job_id: str) -> VideoJob | None:
        statement = (
            select(VideoJob)
            .where(VideoJob.id == job_id)
            .options(joinedload(VideoJob.video), joinedload(VideoJob.video_metadata))
            .execution_options(populate_existing=True)
        )
        return (await self._session.execute(statement)).unique().scalar_one_or_none()

    async def renew_lease(self, job_id: str, worker_id: str, lease_seconds: float) -> bool:
        now = utcnow()
        result = await self._session.execute(
            self._owned_update(job_id, worker_id)
            .values(lease_expires_at=now + timedelta(seconds=lease_seconds), updated_at=now)
            .returning(VideoJob.id)
        )
        return result.scalar_one_or_none() is not None

    async def save_stages(
        self,
        job_id: str,
        worker_id: str,
        stages: list[dict[str, Any]],
        warnings: list[str] | None = None,
    ) -> bool:
        """Save the stages, and the job's warnings when given (all of them, not only new)."""
        values: dict[str, Any] = {"processing_stages": stages, "updated_at": utcnow()}
        if warnings is not None:
            values["warnings"] = warnings
        result = await self._session.execute(
            self._owned_update(job_id, worker_id).values(**values).returning(VideoJob.id)
        )
        return result.scalar_one_or_none() is not None

    async def finish(
        self,
        job_id: str,
        worker_id: str,
        status: ProcessingStatus,
        stages: list[dict[str, Any]],
        error_message: str | None,
    ) -> bool:
        """Record a final outcome (COMPLETED or FAILED) and release the lease."""
        now = utcnow()
        result = await self._session.execute(
            self._owned_update(job_id, worker_id)
            .values(
                status=status,
                processing_stages=stages,
                error_message=error_message,
                lease_owner=None,
                lease_expires_at=None,
                finished_at=now,
                updated_at=now,
            )
            .returning(VideoJob.id)
        )
        return result.scalar_one_or_none() is not None

    async def release_for_retry(
        self, job_id: str, worker_id: str, stages: list[dict[str, Any]], error_message: str
    ) -> bool:
        """Give the job back to the queue after a failed attempt that may succeed later."""
        result = await self._session.execute(
            self._owned_update(job_id, worker_id)
            .values(
                status=ProcessingStatus.PENDING,
                processing_stages=stages,
                error_message=error_message,
                lease_owner=None,
                lease_expires_at=None,
                updated_at=utcnow(),
            )
            .returning(VideoJob.id)
        )
        return result.scalar_one_or_none() is not None

    def _owned_update(self, job_id: str, worker_id: str) -> Any:
        return (
            update(VideoJob)
            .where(
                VideoJob.id == job_id,
                VideoJob.lease_owner == worker_id,
                VideoJob.status == ProcessingStatus.PROCESSING,
            )
            .execution_options(synchronize_session=False)
        )

    async def is_held_by(self, job_id: str, worker_id: str) -> bool:
        """Whether the worker still runs the job: not canceled, deleted nor taken over."""
        statement = select(VideoJob.id).where(
            VideoJob.id == job_id,
            VideoJob.lease_owner == worker_id,
            VideoJob.status == ProcessingStatus.PROCESSING,
        )
        return (await self._session.execute(statement)).scalar_one_or_none() is not None

    async def status_of(self, job_id: str) -> ProcessingStatus | None:
        """The job's status; None when it is gone (its video was deleted)."""
        statement = select(VideoJob.status).where(VideoJob.id == job_id)
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def earlier_job_ids(self, job_id: str) -> list[str]:
        """The ids of the jobs of the same video created before this one."""
        this = aliased(VideoJob)
        statement = (
            select(VideoJob.id)
            .join(this, this.id == job_id)
            .where(VideoJob.video_id == this.video_id, VideoJob.created_at < this.created_at)
        )
        return list((await self._session.execute(statement)).scalars())

    async def ids_held_by_live_workers(self, job_ids: Sequence[str]) -> set[str]:
        """Of `job_ids`, those some worker is running now (its lease has not lapsed)."""
        held: set[str] = set()
        for start in range(0, len(job_ids), _IDS_PER_QUERY):
            statement = select(VideoJob.id).where(
                VideoJob.id.in_(job_ids[start : start + _IDS_PER_QUERY]),
                VideoJob.status == ProcessingStatus.PROCESSING,
                VideoJob.lease_expires_at >= utcnow(),
            )
            held.update((await self._session.execute(statement)).scalars())
        return held
