from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload

from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata


class VideoJobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, job: VideoJob) -> VideoJob:
        self._session.add(job)
        await self._session.flush()
        return job

    async def get_for_owner(self, job_id: str, owner_id: str) -> VideoJob | None:
        statement = self._owned_with_details(owner_id).where(VideoJob.id == job_id)
        return (await self._session.execute(statement)).unique().scalar_one_or_none()

    async def get_by_user_id_and_statuses(
        self,
        user_id: str,
        statuses: Sequence[ProcessingStatus],
        limit: int,
        offset: int,
    ) -> list[VideoJob]:
        """That user's jobs in those statuses, newest first, with video and metadata loaded."""
        statement = (
            self._owned_with_details(user_id)
            .where(VideoJob.status.in_(statuses))
            .order_by(VideoJob.created_at.desc(), VideoJob.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return list((await self._session.execute(statement)).unique().scalars())

    async def count_by_user_id_and_statuses(
        self, user_id: str, statuses: Sequence[ProcessingStatus]
    ) -> int:
        statement = (
            select(func.count(VideoJob.id))
            .join(Video, Video.id == VideoJob.video_id)
            .where(Video.uploader_user_id == user_id, VideoJob.status.in_(statuses))
        )
        return await self._session.scalar(statement) or 0

    def _owned_with_details(self, owner_id: str) -> Select[VideoJob]:
        return (
            select(VideoJob)
            .join(VideoJob.video)
            .where(Video.uploader_user_id == owner_id)
            .options(
                contains_eager(VideoJob.video),
                # A job row shows only the title; transcripts can be megabytes.
                joinedload(VideoJob.video_metadata).load_only(VideoMetadata.title),
            )
        )

    async def save(self, job: VideoJob) -> VideoJob:
        await self._session.flush()
        return job

    async def ids_for_video(self, video_id: str) -> list[str]:
        result = await self._session.execute(
            select(VideoJob.id).where(VideoJob.video_id == video_id)
        )
        return list(result.scalars())
