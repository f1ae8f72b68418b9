"""The files a pipeline run produced, found for their owner."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.errors import NotFoundError
from echo_core.exports import youtube_text
from echo_core.filenames import download_stem
from echo_core.operations.video_repository import VideoRepository, VideoWithLatestJob
from echo_core.pipeline.shown_texts import shown_description
from echo_core.storage.base import Storage
from echo_core.storage.job_keys import thumbnail_key

NOT_READY = "{what} {verb} not ready yet: wait for processing to finish."


@dataclass(frozen=True)
class StoredFile:
    key: str
    filename: str


@dataclass(frozen=True)
class TextFile:
    text: str
    filename: str


class VideoFilesService:
    def __init__(self, session: AsyncSession, storage: Storage) -> None:
        self._videos = VideoRepository(session)
        self._storage = storage

    async def latest(self, owner_id: str, video_id: str) -> VideoWithLatestJob:
        found = await self._videos.get_with_latest_job(video_id, owner_id)
        if found is None:
            raise NotFoundError("Video not found.")
        return found

    async def subtitles(self, owner_id: str, video_id: str, extension: str) -> StoredFile:
        found = await self.latest(owner_id, video_id)
        keys = found.metadata.subtitle_file_keys if found.metadata else None
        key = (keys or {}).get(extension)
        if key is None or not await self._storage.exists(key):
            raise NotFoundError(NOT_READY.format(what="Subtitles", verb="are"))
        # "talk.de.srt": players and YouTube Studio read the language from the name.
        language = found.metadata.language if found.metadata else None
        suffix = f".{language}.{extension}" if language else f".{extension}"
        return StoredFile(key=key, filename=f"{_stem(found)}{suffix}")

    async def transcript_text(self, owner_id: str, video_id: str) -> TextFile:
        found = await self.latest(owner_id, video_id)
        if found.metadata is None or found.metadata.transcript_text is None:
            raise NotFoundError(NOT_READY.format(what="The transcript", verb="is"))
        return TextFile(found.metadata.transcript_text + "\n", f"{_stem(found)} - transcript.txt")

    async def youtube_text(self, owner_id: str, video_id: str) -> TextFile:
        """Title, description (with chapters) and tags, ready to paste into YouTube Studio."""
        found = await self.latest(owner_id, video_id)
        metadata = found.metadata
        if metadata is None or metadata.title is None:
            raise NotFoundError(NOT_READY.format(what="The YouTube text", verb="is"))
        return TextFile(
            youtube_text(metadata.title, shown_description(metadata), metadata.tags or []),
            f"{_stem(found)} - YouTube.txt",
        )

    def export_filename(self, found: VideoWithLatestJob) -> str:
        return f"{_stem(found)} - export.json"

    async def thumbnail(self, owner_id: str, video_id: str, index: int) -> StoredFile:
        found = await self.latest(owner_id, video_id)
        candidates = found.metadata.thumbnail_candidates if found.metadata else []
        if found.job is None or not any(c.get("index") == index for c in candidates or []):
            raise NotFoundError("No such thumbnail.")
        return StoredFile(
            key=thumbnail_key(found.job.id, index), filename=f"{_stem(found)}-{index}.jpg"
        )


def _stem(found: VideoWithLatestJob) -> str:
    title = found.metadata.title if found.metadata else None
    return download_stem(title, found.video.original_filename)
