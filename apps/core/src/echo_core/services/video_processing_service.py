"""Use cases around a creator's videos: accept uploads, reprocess, edit, delete."""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import transaction
from echo_core.errors import NotFoundError
from echo_core.events.bus import EventBus
from echo_core.events.job_event import job_event
from echo_core.media.limits import MediaLimits
from echo_core.media.probe import probe_video
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.operations.video_job_repository import VideoJobRepository
from echo_core.operations.video_metadata_repository import VideoMetadataRepository
from echo_core.operations.video_repository import (
    VideoRepository,
    VideoSummary,
    VideoWithLatestJob,
)
from echo_core.services.editable_video import VIDEO_NOT_FOUND
from echo_core.services.job_announcements import announce_after_commit
from echo_core.services.jobs_factory import (
    continue_versions,
    copy_edited_fields,
    copy_probe_fields,
    new_metadata,
    new_pending_job,
)
from echo_core.services.queue_admission import QueueAdmission
from echo_core.storage.base import Storage
from echo_core.storage.job_keys import job_prefix
from echo_core.storage.keys import new_video_key


@dataclass(frozen=True)
class AcceptedUpload:
    video: Video
    job_id: str
    status: ProcessingStatus


class VideoProcessingService:
    def __init__(self, session: AsyncSession, storage: Storage, events: EventBus) -> None:
        self._session = session
        self._storage = storage
        self._events = events
        self._videos = VideoRepository(session)
        self._jobs = VideoJobRepository(session)
        self._metadata = VideoMetadataRepository(session)

    async def accept_upload(
        self,
        owner_id: str,
        received_file: Path,
        filename: str,
        size_bytes: int,
        limits: MediaLimits,
        queue: QueueAdmission,
        language: str = "auto",
    ) -> AcceptedUpload:
        """Probe a received file, store it, and queue it: all of it lands, or none of it.

        A file that is no video, or one beyond `limits`, is refused before it is stored.
        `language` was checked by services/spoken_language.py.
        """
        media = await asyncio.to_thread(probe_video, received_file, limits)
        key = new_video_key(owner_id, media.extension)
        await self._storage.put_file(key, received_file)
        transaction.after_rollback(self._session, lambda: self._storage.delete(key))

        video = await self._videos.add(
            Video(
                uploader_user_id=owner_id,
                original_filename=filename,
                storage_path=key,
                content_type=media.content_type,
                size_bytes=size_bytes,
                language=language,
            )
        )
        turn = await queue.admit(owner_id, video.id)
        job = await self._jobs.add(new_pending_job(video.id, turn))
        await self._metadata.add(new_metadata(job.id, media, language))
        self._announce_queued(video, job)
        return AcceptedUpload(video=video, job_id=job.id, status=job.status)

    async def get(self, owner_id: str, video_id: str) -> VideoWithLatestJob:
        found = await self._videos.get_with_latest_job(video_id, owner_id)
        if found is None:
            raise NotFoundError(VIDEO_NOT_FOUND)
        return found

    async def list(
        self,
        owner_id: str,
        statuses: Sequence[ProcessingStatus],
        text_query: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[VideoSummary], int]:
        query = text_query.strip() if text_query else None
        return await self._videos.list_summaries(owner_id, statuses, query, limit, offset)

    async def reprocess(
        self, owner_id: str, video_id: str, queue: QueueAdmission, keep_edits: bool = True
    ) -> AcceptedUpload:
        """Queue a new job. With `keep_edits` the fields the creator edited are carried into
        it and the pipeline leaves them as they are, offering its new drafts beside them."""
        current = await self.get(owner_id, video_id)
        turn = await queue.admit(owner_id, current.video.id)
        job = await self._jobs.add(new_pending_job(current.video.id, turn))
        metadata = new_metadata(job.id, None, current.video.language)
        if current.metadata is not None:
            copy_probe_fields(current.metadata, metadata)
            continue_versions(current.metadata, metadata)
            if keep_edits:
                copy_edited_fields(current.metadata, metadata)
        await self._metadata.add(metadata)
        self._announce_queued(current.video, job)
        return AcceptedUpload(video=current.video, job_id=job.id, status=job.status)

    async def delete(self, owner_id: str, video_id: str) -> None:
        video = await self._videos.get_for_owner(video_id, owner_id)
        if video is None:
            raise NotFoundError(VIDEO_NOT_FOUND)
        keys = [video.storage_path]
        prefixes = [job_prefix(job_id) for job_id in await self._jobs.ids_for_video(video.id)]
        await self._videos.delete(video)

        async def remove_files() -> None:
            for key in keys:
                await self._storage.delete(key)
            for prefix in prefixes:
                await self._storage.delete_prefix(prefix)

        # Files go only once the rows are gone for good: a failed commit keeps both.
        transaction.after_commit(self._session, remove_files)

    def _announce_queued(self, video: Video, job: VideoJob) -> None:
        event = job_event(job, video.uploader_user_id, job.status)
        announce_after_commit(self._session, self._events, event)
