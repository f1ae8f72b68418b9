"""The publication queue's statements: claiming, leases, progress and outcomes.

The same discipline as the job queue (job_queue_repository.py): one statement claims
(`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer on SQLite), and every write by a
worker is conditioned on it still holding the lease.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from echo_core.models.base import utcnow
from echo_core.models.publication import Publication
from echo_core.models.publication_status import HELD_STATUSES, PublicationStatus
from echo_core.models.video_job import VideoJob
from echo_core.operations.leased_claim import claim_with_lease


def _runnable(now: datetime, max_attempts: int) -> Any:
    expired = and_(Publication.status.in_(HELD_STATUSES), Publication.lease_expires_at < now)
    return and_(
        or_(Publication.status == PublicationStatus.PENDING, expired),
        Publication.attempts < max_attempts,
    )


class PublicationQueueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim_next(
        self, worker_id: str, lease_seconds: float, max_attempts: int
    ) -> Publication | None:
        """Take the oldest runnable publication, stamping this worker's lease. It is
        UPLOADING until YouTube has the video, PROCESSING after; one taken over from a dead
        worker keeps its upload session."""
        now = utcnow()
        claimed_id = await claim_with_lease(
            self._session,
            Publication,
            _runnable(now, max_attempts),
            (Publication.created_at, Publication.id),
            worker_id,
            now + timedelta(seconds=lease_seconds),
            status=case(
                (Publication.youtube_video_id.is_(None), PublicationStatus.UPLOADING.value),
                else_=PublicationStatus.PROCESSING.value,
            ),
            updated_at=now,
        )
        if claimed_id is None:
            return None
        return await self.get_with_details(claimed_id)

    async def fail_abandoned(self, max_attempts: int, message: str) -> list[Publication]:
        """Publications whose worker died on their last allowed attempt: FAILED."""
        now = utcnow()
        statement = (
            update(Publication)
            .where(
                Publication.status.in_(HELD_STATUSES),
                Publication.lease_expires_at < now,
                Publication.attempts >= max_attempts,
            )
            .values(
                status=PublicationStatus.FAILED,
                error_message=message,
                lease_owner=None,
                lease_expires_at=None,
                finished_at=now,
                updated_at=now,
            )
            .returning(Publication.id)
            .execution_options(synchronize_session=False)
        )
        ids = list((await self._session.execute(statement)).scalars())
        return [found for one in ids if (found := await self.get_with_details(one))]

    async def get_with_details(self, publication_id: str) -> Publication | None:
        """With its video, and its job with the metadata to publish."""
        statement = (
            select(Publication)
            .where(Publication.id == publication_id)
            .options(
                joinedload(Publication.video),
                joinedload(Publication.job).joinedload(VideoJob.video_metadata),
            )
            .execution_options(populate_existing=True)
        )
        return (await self._session.execute(statement)).unique().scalar_one_or_none()

    async def renew_lease(self, publication_id: str, worker_id: str, lease_seconds: float) -> bool:
        now = utcnow()
        return await self._owned_update(
            publication_id,
            worker_id,
            lease_expires_at=now + timedelta(seconds=lease_seconds),
        )

    async def save(self, publication_id: str, worker_id: str, **values: Any) -> bool:
        """Progress of the worker that holds it: status, bytes, session, video id, steps."""
        return await self._owned_update(publication_id, worker_id, **values)

    async def finish(
        self,
        publication_id: str,
        worker_id: str,
        status: PublicationStatus,
        error_message: str | None,
    ) -> bool:
        return await self._owned_update(
            publication_id,
            worker_id,
            status=status,
            error_message=error_message,
            lease_owner=None,
            lease_expires_at=None,
            finished_at=utcnow(),
        )

    async def release_for_retry(
        self, publication_id: str, worker_id: str, error_message: str
    ) -> bool:
        """Back to the queue after an attempt that may succeed later; the upload session
        and the steps done stay, so the next attempt goes on from them."""
        return await self._owned_update(
            publication_id,
            worker_id,
            status=PublicationStatus.PENDING,
            error_message=error_message,
            lease_owner=None,
            lease_expires_at=None,
        )

    async def is_held_by(self, publication_id: str, worker_id: str) -> bool:
        statement = select(Publication.id).where(
            Publication.id == publication_id,
            Publication.lease_owner == worker_id,
            Publication.status.in_(HELD_STATUSES),
        )
        return (await self._session.execute(statement)).scalar_one_or_none() is not None

    async def _owned_update(self, publication_id: str, worker_id: str, **values: Any) -> bool:
        statement = (
            update(Publication)
            .where(
                Publication.id == publication_id,
                Publication.lease_owner == worker_id,
                Publication.status.in_(HELD_STATUSES),
            )
            .values(**values, updated_at=utcnow())
            .returning(Publication.id)
            .execution_options(synchronize_session=False)
        )
        return (await self._session.execute(statement)).scalar_one_or_none() is not None
