from collections.abc import Callable
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from echo_core.models.video_metadata import VideoMetadata

# The two version counters a creator's edit moves on: the texts', and the transcript's.
VersionColumn = Literal["version", "transcript_version"]


class VideoMetadataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, metadata: VideoMetadata) -> VideoMetadata:
        self._session.add(metadata)
        await self._session.flush()
        return metadata

    async def save(self, metadata: VideoMetadata) -> VideoMetadata:
        """Flush edits so `updated_at` and constraint errors surface inside the request."""
        await self._session.flush()
        await self._session.refresh(metadata)
        return metadata

    async def next_version(
        self, metadata: VideoMetadata, column: VersionColumn, expected: int | None
    ) -> int | None:
        """Move `column` on by one if it still is `expected` (whatever it is, for None), in
        one statement, so of two edits made from the same version only one gets through.
        Answers the new version, or None when `expected` is stale."""
        counter = getattr(VideoMetadata, column)
        statement = (
            update(VideoMetadata)
            .where(VideoMetadata.id == metadata.id)
            .values({column: counter + 1})
            .returning(counter)
            .execution_options(synchronize_session=False)
        )
        if expected is not None:
            statement = statement.where(counter == expected)
        moved: int | None = (await self._session.execute(statement)).scalar_one_or_none()
        if moved is not None:
            # The row in memory says so too, or its next flush would write the old value back.
            set_committed_value(metadata, column, moved)
        return moved

    async def current_version(self, metadata: VideoMetadata, column: VersionColumn) -> int:
        counter = getattr(VideoMetadata, column)
        result = await self._session.execute(select(counter).where(VideoMetadata.id == metadata.id))
        return int(result.scalar_one())

    async def get_by_job_id(self, job_id: str) -> VideoMetadata | None:
        result = await self._session.execute(
            select(VideoMetadata).where(VideoMetadata.job_id == job_id)
        )
        return result.scalar_one_or_none()

    async def apply_pipeline_output(
        self,
        job_id: str,
        save_output: Callable[[VideoMetadata], None] | None,
        engines: dict[str, str],
    ) -> None:
        metadata = await self.get_by_job_id(job_id)
        if metadata is None:
            metadata = VideoMetadata(job_id=job_id)
            self._session.add(metadata)
        if save_output is not None:
            save_output(metadata)
        if engines:
            metadata.engines = {**(metadata.engines or {}), **engines}
        await self._session.flush()
