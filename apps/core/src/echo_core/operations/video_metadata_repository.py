from collections.abc import Callable

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.video_metadata import VideoMetadata
from echo_core.operations.spoken_segment_repository import SpokenSegmentRepository


class VideoMetadataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, metadata: VideoMetadata) -> VideoMetadata:
        self._session.add(metadata)
        await self._session.flush()
        return metadata

    async def save(self, metadata: VideoMetadata) -> VideoMetadata:
        """Flush edits so `updated_at` and constraint errors surface inside the request."""
        await self._index_changed_transcript(metadata)
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
        await self._index_changed_transcript(metadata)
        await self._session.flush()

    async def _index_changed_transcript(self, metadata: VideoMetadata) -> None:
        """Every write of a transcript passes here, so the spoken-word search always finds
        what the video's newest transcript says. (A new list must be assigned: a list
        changed in place is not seen as a change.)"""
        if inspect(metadata).attrs.transcript_segments.history.has_changes():
            await SpokenSegmentRepository(self._session).replace_transcript_of_job(
                metadata.job_id, metadata.transcript_segments or []
            )
