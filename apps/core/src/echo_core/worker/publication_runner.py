"""Publish one claimed publication: the video by the resumable protocol, then its captions
and its thumbnail, each step saved as it is done so a retry, or another worker after a
crash, goes on from the next one.

The upload session's URI is saved (committed) before the first byte is sent: whoever runs
the publication next asks that session how much it holds and sends the rest, so YouTube
never gets two videos from one press of Publish.
"""

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from echo_core.config import Settings
from echo_core.errors import EchoError
from echo_core.events.bus import EventBus
from echo_core.events.publication_event import publication_event
from echo_core.models.publication import Publication
from echo_core.models.publication_status import PublicationStatus
from echo_core.models.video_metadata import VideoMetadata
from echo_core.observability.metrics import record_publication_outcome
from echo_core.pipeline.shown_texts import shown_description
from echo_core.storage.base import Storage, StorageError
from echo_core.storage.job_keys import thumbnail_key
from echo_core.worker.publication_store import PublicationStore
from echo_core.youtube.access_tokens import AccessTokens
from echo_core.youtube.captions import insert_captions
from echo_core.youtube.errors import GoogleUnavailable, YouTubeConnectionLost, YouTubeNotConnected
from echo_core.youtube.resumable_upload import (
    ResumableUpload,
    UploadSessionGoneError,
    UploadSource,
    start_session,
)
from echo_core.youtube.retrying import RetryPolicy
from echo_core.youtube.thumbnails import set_thumbnail
from echo_core.youtube.upload_errors import YouTubeError
from echo_core.youtube.video_resource import (
    PrivacyStatus,
    PublishChoices,
    video_resource,
)
from echo_core.youtube.youtube_client import YouTubeClient

logger = logging.getLogger(__name__)
PROGRESS_FLUSH_SECONDS = 1.0
CAPTIONS_NAME = "Subtitles"
# Subtitles of the longest allowed video are far smaller; a larger file is not ours.
MAX_CAPTIONS_BYTES = 10 * 1024 * 1024
STORAGE_FAILED = "The storage could not read the video's files; it may be unreachable."

# The access tokens of a user's connected channel.
TokensFor = Callable[[str], Awaitable[AccessTokens]]


class LeaseLostError(Exception):
    """Another worker holds the publication now."""


class PublicationRunner:
    def __init__(
        self,
        publication: Publication,
        worker_id: str,
        settings: Settings,
        store: PublicationStore,
        storage: Storage,
        events: EventBus,
        tokens_for: TokensFor,
    ) -> None:
        self._publication = publication
        self._worker_id = worker_id
        self._settings = settings
        self._store = store
        self._storage = storage
        self._events = events
        self._tokens_for = tokens_for
        self._last_flush = 0.0

    async def run(self) -> None:
        publication = self._publication
        try:
            tokens = await self._tokens_for(publication.owner_id)
            async with httpx.AsyncClient(
                timeout=self._settings.youtube_request_timeout_seconds
            ) as http:
                retry = RetryPolicy(
                    self._settings.youtube_max_retries, self._settings.youtube_retry_seconds
                )
                client = YouTubeClient(http, self._settings.youtube_api_url, tokens, retry)
                await self._publish(client)
        except LeaseLostError:
            logger.info("publication %s is no longer ours", publication.id)
        except UploadSessionGoneError as error:
            await self._save(upload_session_uri=None, bytes_uploaded=0, progress=0.0)
            await self._give_back(error.message)
        except YouTubeError as error:
            if error.permanent:
                await self._end(PublicationStatus.FAILED, error.message)
            else:
                await self._give_back(error.message)
        except (YouTubeNotConnected, YouTubeConnectionLost) as error:
            await self._end(PublicationStatus.FAILED, error.message)
        except GoogleUnavailable as error:
            await self._give_back(error.message)
        except StorageError:
            logger.exception("publication %s: storage failed", publication.id)
            await self._give_back(STORAGE_FAILED)
        except EchoError as error:
            await self._end(PublicationStatus.FAILED, error.message)

    async def _publish(self, client: YouTubeClient) -> None:
        publication = self._publication
        metadata = publication.job.video_metadata or VideoMetadata(job_id=publication.job_id)
        if publication.youtube_video_id is None:
            await self._upload(client, metadata)
        video_id = publication.youtube_video_id
        assert video_id is not None
        if not publication.captions_done:
            await self._captions(client, video_id, metadata)
        if not publication.thumbnail_done:
            await self._thumbnail(client, video_id, metadata)
        await self._end(PublicationStatus.COMPLETED, None)

    async def _upload(self, client: YouTubeClient, metadata: VideoMetadata) -> None:
        publication = self._publication
        video = publication.video
        source = UploadSource(
            self._storage,
            video.storage_path,
            await self._storage.size(video.storage_path),
            video.content_type,
        )
        session_uri = publication.upload_session_uri
        resuming = session_uri is not None
        if session_uri is None:
            resource = video_resource(
                metadata.title or _stem(video.original_filename),
                # The body followed by the chapter lines made from the one chapter list.
                shown_description(metadata) or "",
                metadata.tags or [],
                _language(metadata.language or video.language),
                PublishChoices(
                    PrivacyStatus(publication.privacy_status),
                    publication.publish_at,
                    publication.category_id,
                    publication.made_for_kids,
                ),
            )
            session_uri = await start_session(client, resource, source)
            # Saved before any byte goes: a crash from here on resumes this session.
            await self._save(upload_session_uri=session_uri)

        async def progress(confirmed: int) -> None:
            await self._progress(confirmed, source.size)

        uploaded = await ResumableUpload(
            client, session_uri, source, self._settings.youtube_chunk_bytes, progress
        ).run(resuming=resuming)
        await self._save(
            youtube_video_id=uploaded["id"],
            status=PublicationStatus.PROCESSING,
            bytes_uploaded=source.size,
            progress=1.0,
        )
        await self._announce()

    async def _progress(self, confirmed: int, size: int) -> None:
        if time.monotonic() - self._last_flush < PROGRESS_FLUSH_SECONDS and confirmed < size:
            return
        self._last_flush = time.monotonic()
        await self._save(bytes_uploaded=confirmed, progress=confirmed / size)
        await self._announce()

    async def _captions(
        self, client: YouTubeClient, video_id: str, metadata: VideoMetadata
    ) -> None:
        key = (metadata.subtitle_file_keys or {}).get("srt")
        language = _language(metadata.language or self._publication.video.language)
        # YouTube needs a track's language; a video whose language is unknown gets none.
        if key is not None and language is not None and await self._storage.exists(key):
            srt = await self._read(key, MAX_CAPTIONS_BYTES)
            await insert_captions(client, video_id, language, CAPTIONS_NAME, srt)
        await self._save(captions_done=True)

    async def _thumbnail(
        self, client: YouTubeClient, video_id: str, metadata: VideoMetadata
    ) -> None:
        index = metadata.thumbnail_index
        if index is not None:
            key = thumbnail_key(self._publication.job_id, index)
            if await self._storage.exists(key):
                await set_thumbnail(client, video_id, await self._read(key, MAX_CAPTIONS_BYTES))
        await self._save(thumbnail_done=True)

    async def _read(self, key: str, limit: int) -> bytes:
        size = await self._storage.size(key)
        if size > limit:
            raise YouTubeError(f"The file {key} is too large to send.", permanent=True)
        return b"".join([piece async for piece in self._storage.read_range(key, 0, size)])

    async def _save(self, **values: Any) -> None:
        if not await self._store.save(self._publication.id, self._worker_id, **values):
            raise LeaseLostError()
        for name, value in values.items():
            setattr(self._publication, name, value)

    async def _end(self, status: PublicationStatus, error_message: str | None) -> None:
        if await self._store.finish(self._publication.id, self._worker_id, status, error_message):
            self._publication.status = status
            self._publication.error_message = error_message
            record_publication_outcome(
                "completed" if status is PublicationStatus.COMPLETED else "failed"
            )
            await self._announce()

    async def _give_back(self, message: str) -> None:
        """Retry later, unless this was the last attempt."""
        if self._publication.attempts >= self._settings.job_max_attempts:
            await self._end(PublicationStatus.FAILED, message)
            return
        if await self._store.release_for_retry(self._publication.id, self._worker_id, message):
            self._publication.status = PublicationStatus.PENDING
            self._publication.error_message = message
            await self._announce()

    async def _announce(self) -> None:
        await self._events.publish(publication_event(self._publication))


def _language(language: str | None) -> str | None:
    return None if not language or language == "auto" else language


def _stem(filename: str) -> str:
    return filename.rsplit(".", 1)[0] or "video"
