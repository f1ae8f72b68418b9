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
