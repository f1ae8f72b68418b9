"""A fresh job, its stage plan, and the metadata row it will fill."""

import copy
from typing import Any

from echo_core.media.probe import MediaInfo
from echo_core.models.edited_field import EditedField
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.probe_stage import ProbeOutput
from echo_core.pipeline.stages.stage_plan import current_plan


def pending_stages() -> list[dict[str, Any]]:
    return current_plan([])


def new_pending_job(video_id: str, queue_turn: int = 0) -> VideoJob:
    return VideoJob(
        video_id=video_id,
        status=ProcessingStatus.PENDING,
        processing_stages=pending_stages(),
        attempts=0,
        priority=0,
        queue_turn=queue_turn,
    )


def new_metadata(job_id: str, media: MediaInfo | None, language: str = "auto") -> VideoMetadata:
    # Until the transcribe stage stores the language it used, `language` is the one asked
    # for at upload, or None to detect it (pipeline/stages/requested_language.py).
    metadata = VideoMetadata(job_id=job_id, language=None if language == "auto" else language)
    if media is not None:
        # The upload was probed already: the same facts the probe stage saves.
        ProbeOutput(media).save_to(metadata)
    return metadata


def copy_probe_fields(source: VideoMetadata, target: VideoMetadata) -> None:
    target.extracted_video_duration_seconds = source.extracted_video_duration_seconds
    target.extracted_video_resolution = source.extracted_video_resolution
    target.extracted_video_format = source.extracted_video_format
    target.fps = source.fps


def continue_versions(source: VideoMetadata, target: VideoMetadata) -> None:
    """A new job's metadata counts on from the last one's versions, so an edit made from
    what a page loaded before the reprocess is refused as stale."""
    target.version = source.version + 1
    target.transcript_version = source.transcript_version + 1


def copy_edited_fields(source: VideoMetadata, target: VideoMetadata) -> None:
    """The fields the creator edited, carried into a new job, which will keep them."""
    for field in source.edited_fields or []:
        for column in _EDITED_COLUMNS[EditedField(field)]:
            setattr(target, column, copy.deepcopy(getattr(source, column)))
        target.mark_edited(EditedField(field))


# The columns that hold each field a creator edits.
_EDITED_COLUMNS = {
    EditedField.TITLE: ("title",),
    EditedField.DESCRIPTION: ("description",),
    EditedField.TAGS: ("tags",),
    EditedField.CHAPTERS: ("chapters",),
    EditedField.THUMBNAIL: ("thumbnail_index",),
    EditedField.TRANSCRIPT: ("transcript_segments", "transcript_text"),
}
