from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ScalarSelect, Select, bindparam, func, or_, select
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


@dataclass(frozen=True)
class VideoSummary:
    """One row of the library: the few columns a card shows, never the metadata's documents
    (a transcript with word timings weighs tens of kilobytes, times a page of rows)."""

    id: str
    original_filename: str
    size_bytes: int
    created_at: datetime
    latest_job_id: str | None
    status: ProcessingStatus | None
    title: str | None
    thumbnail_index: int | None
    duration_seconds: float | None


# In VideoSummary's field order (a row becomes one by position), labelled with its names.
_SUMMARY_COLUMNS = (
    Video.id.label("id"),
    Video.original_filename.label("original_filename"),
    Video.size_bytes.label("size_bytes"),
    Video.created_at.label("created_at"),
    VideoJob.id.label("latest_job_id"),
    VideoJob.status.label("status"),
    VideoMetadata.title.label("title"),
    VideoMetadata.thumbnail_index.label("thumbnail_index"),
    VideoMetadata.extracted_video_duration_seconds.label("duration_seconds"),
)


_LATEST_JOB_ID = (
    select(VideoJob.id)
    .where(VideoJob.video_id == Video.id)
    .order_by(VideoJob.created_at.desc(), VideoJob.id.desc())
    .limit(1)
    .correlate(Video)
    .scalar_subquery()
)


def _with_latest_job(owner_id: str | BindParameter[str], *selected: Any) -> Select[Any]:
    """The owner's videos joined to their latest job and its metadata (both may be
    missing), selecting `selected`: whole rows or columns of the three."""
    return (
        select(*selected)
        .outerjoin(VideoJob, VideoJob.id == _LATEST_JOB_ID)
        .outerjoin(VideoMetadata, VideoMetadata.job_id == VideoJob.id)
        .where(Video.uploader_user_id == owner_id)
    )


# The library's statements are built once per filter shape and given their values as
# parameters: building a statement and its cache key costs more than SQLite running it.
_OWNER_ID: BindParameter[str] = bindparam("owner_id")


def _matching(by_status: bool, by_text: bool, *selected: Any) -> Select[Any]:
    statement = _with_latest_job(_OWNER_ID, *selected)
    if by_status:
        statement = statement.where(VideoJob.status.in_(bindparam("statuses", expanding=True)))
    if by_text:
        pattern: BindParameter[str] = bindparam("pattern")
        statement = statement.where(
            or_(
                Video.original_filename.ilike(pattern, escape=LIKE_ESCAPE),
                VideoMetadata.title.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    return statement


def _total(by_status: bool, by_text: bool) -> ScalarSelect[int]:
    """All the owner's matching videos, whichever row it is read beside."""
    if by_status or by_text:
        matching = _matching(by_status, by_text, Video.id).subquery()
        return select(func.count()).select_from(matching).scalar_subquery()
    # Unfiltered, the count needs no join: SQLite would otherwise evaluate the latest-job
    # subquery for every video just to count them. count(*), not count(id): the owner
    # index answers it alone, where count(id) reads every row.
    return (
        select(func.count())
        .select_from(Video)
        .where(Video.uploader_user_id == _OWNER_ID)
        .correlate(None)
        .scalar_subquery()
    )


@cache
def _page_with_total(by_status: bool, by_text: bool) -> Select[Any]:
    """The total, then a summary's columns, on each row of a page, newest first: one round
    trip for both."""
    return (
        _matching(by_status, by_text, _total(by_status, by_text), *_SUMMARY_COLUMNS)
        .order_by(Video.created_at.desc(), Video.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


@cache
def _total_only(by_status: bool, by_text: bool) -> Select[int]:
    return select(_total(by_status, by_text))


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
        statement = _with_latest_job(owner_id, Video, VideoJob, VideoMetadata).where(
            Video.id == video_id
        )
        row = (await self._session.execute(statement)).one_or_none()
        return VideoWithLatestJob(row[0], row[1], row[2]) if row else None

    async def list_summaries(
        self,
        owner_id: str,
        statuses: Sequence[ProcessingStatus],
        text_query: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[VideoSummary], int]:
        """The owner's videos, newest first, filtered by latest job status and by text."""
        shape = (bool(statuses), bool(text_query))
        parameters: dict[str, object] = {"owner_id": owner_id, "limit": limit, "offset": offset}
        if statuses:
            parameters["statuses"] = list(statuses)
        if text_query:
            parameters["pattern"] = contains_pattern(text_query)
        # Plain rows through the connection: the ORM's result machinery would only get in
        # the way of columns that map to no object.
        connection = await self._session.connection()
        rows = (await connection.execute(_page_with_total(*shape), parameters)).all()
        if rows:
            return [VideoSummary(*summary) for _, *summary in rows], rows[0][0]
        if offset == 0:
            return [], 0
        # Past the last page no row carries the total.
        return [], (await connection.execute(_total_only(*shape), parameters)).scalar_one()

    async def delete(self, video: Video) -> None:
        await self._session.delete(video)
        await self._session.flush()
