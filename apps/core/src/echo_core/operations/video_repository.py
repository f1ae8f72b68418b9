from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.operations.filters import LIKE_ESCAPE, contains_pattern


@dataclass(frozen=True)
class VideoWithLatestJob:
    video: Video
    job: VideoJob | None
    metadata: VideoMetadata | None


def _latest_job_id() -> object:
    return (
        select(VideoJob.id)
        .where(VideoJob.video_id == Video.id)
        .order_by(VideoJob.created_at.desc(), VideoJob.id.desc())
        .limit(1)
        .correlate(Video)
        .scalar_subquery()
    )


class VideoRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, video: Video) -> Video:
        self._session.add(video)
        await self._session.flush()
        return video

    async def get_for_owner(self, video_id: str, owner_id: str) -> Video | None:
        result = await self._session.execute(
            select(Video).where(Video.id == video_id, Video.uploader_user_id == owner_id)
        )
        return result.scalar_one_or_none()

    async def get_with_latest_job(self, video_id: str, owner_id: str) -> VideoWithLatestJob | None:
        statement = self._with_latest_job(owner_id).where(Video.id == video_id)
        row = (await self._session.execute(statement)).one_or_none()
        return VideoWithLatestJob(row[0], row[1], row[2]) if row else None

    async def list_with_latest_job(
        self,
        owner_id: str,
        statuses: Sequence[ProcessingStatus],
        text_query: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[VideoWithLatestJob], int]:
        """The owner's videos, newest first, filtered by latest job status and by text."""
        statement = self._with_latest_job(owner_id)
        if statuses:
            statement = statement.where(VideoJob.status.in_(statuses))
        if text_query:
            pattern = contains_pattern(text_query)
            statement = statement.where(
                or_(
                    Video.original_filename.ilike(pattern, escape=LIKE_ESCAPE),
                    VideoMetadata.title.ilike(pattern, escape=LIKE_ESCAPE),
                )
            )
        if statuses or text_query:
            total = await self._session.scalar(
                select(func.count()).select_from(statement.order_by(None).subquery())
            )
        else:
            # Unfiltered, the count needs no join: SQLite would otherwise evaluate the
            # latest-job subquery for every video just to count them.
            total = await self._session.scalar(
                select(func.count(Video.id)).where(Video.uploader_user_id == owner_id)
            )
        page = (
            statement.order_by(Video.created_at.desc(), Video.id.desc()).limit(limit).offset(offset)
        )
        rows = (await self._session.execute(page)).all()
        return [VideoWithLatestJob(row[0], row[1], row[2]) for row in rows], total or 0

    async def delete(self, video: Video) -> None:
        await self._session.delete(video)
        await self._session.flush()

    def _with_latest_job(self, owner_id: str) -> Select[Video, VideoJob, VideoMetadata]:
        return (
            select(Video, VideoJob, VideoMetadata)
            .outerjoin(VideoJob, VideoJob.id == _latest_job_id())
            .outerjoin(VideoMetadata, VideoMetadata.job_id == VideoJob.id)
            .where(Video.uploader_user_id == owner_id)
        )
