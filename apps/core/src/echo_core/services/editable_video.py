"""The metadata a creator may edit now: their video's latest, once its job has finished."""

from dataclasses import dataclass

from echo_core.errors import NotFoundError, VideoBusyError
from echo_core.models.processing_status import UNFINISHED_STATUSES
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.operations.video_repository import VideoRepository

VIDEO_NOT_FOUND = "Video not found."
NO_METADATA = "This video has no metadata yet."
BUSY = (
    "This video is being processed. Edit it once its job has finished: the job would "
    "overwrite the edit."
)


@dataclass(frozen=True)
class EditableVideo:
    video: Video
    job: VideoJob
    metadata: VideoMetadata


async def latest_metadata(videos: VideoRepository, owner_id: str, video_id: str) -> EditableVideo:
    """The video's latest job and its metadata, whatever the job's state."""
    found = await videos.get_with_latest_job(video_id, owner_id)
    if found is None:
        raise NotFoundError(VIDEO_NOT_FOUND)
    if found.job is None or found.metadata is None:
        raise NotFoundError(NO_METADATA)
    return EditableVideo(found.video, found.job, found.metadata)


async def editable_metadata(videos: VideoRepository, owner_id: str, video_id: str) -> EditableVideo:
    """As `latest_metadata`, refused (409) while the job is queued or running."""
    found = await latest_metadata(videos, owner_id, video_id)
    if found.job.status in UNFINISHED_STATUSES:
        raise VideoBusyError(BUSY)
    return found
