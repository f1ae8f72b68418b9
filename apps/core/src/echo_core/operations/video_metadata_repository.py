from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.video_metadata import VideoMetadata


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
