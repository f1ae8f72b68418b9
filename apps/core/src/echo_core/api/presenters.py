"""Turn loaded ORM rows into the API's response schemas; the URLs of stored files are
built here, from the keys and indices the pipeline stored."""

from typing import Any

from pydantic import BaseModel

from echo_core.api.schemas.transcript import EditableSegmentSchema, TranscriptResponseSchema
from echo_core.api.schemas.videos import (
    ProcessingStageSchema,
    ThumbnailCandidateSchema,
    TranscriptSegmentSchema,
    VideoDetailSchema,
    VideoJobResponseSchema,
    VideoJobWithVideoSchema,
    VideoMetadataResponseSchema,
    VideoResponseSchema,
    VideoSummarySchema,
    WordTimingSchema,
)
from echo_core.models.edited_field import EditedField
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.operations.video_repository import VideoSummary, VideoWithLatestJob
from echo_core.pipeline.retiming import segment_ids
from echo_core.pipeline.shown_texts import shown_description, shown_show_notes
from echo_core.pipeline.stages.registry import STAGES
from echo_core.pipeline.stages.stage_plan import current_plan
from echo_core.pipeline.stages.transcript_input import saved_transcript
from echo_core.pipeline.transcript import Transcript, Word

_STAGE_LABELS = {stage.name: stage.label for stage in STAGES}


def subtitles_url(video_id: str, extension: str) -> str:
    return f"/api/videos/{video_id}/subtitles.{extension}"


def thumbnail_url(video_id: str, index: int) -> str:
    return f"/api/videos/{video_id}/thumbnails/{index}.jpg"


def video_detail(found: VideoWithLatestJob) -> VideoDetailSchema:
    video = VideoResponseSchema.model_validate(found.video)
    return VideoDetailSchema(
        **video.model_dump(),
        latest_job=job_response(found.job) if found.job else None,
        metadata=metadata_response(found.metadata, found.video.id) if found.metadata else None,
    )


def job_response(job: VideoJob) -> VideoJobResponseSchema:
    stages = [
        ProcessingStageSchema.model_validate({**stage, "label": _STAGE_LABELS[stage["name"]]})
        for stage in current_plan(job.processing_stages)
    ]
    return VideoJobResponseSchema.model_validate(
        _fields(VideoJobResponseSchema, job, processing_stages=stages)
    )


def metadata_response(metadata: VideoMetadata, video_id: str) -> VideoMetadataResponseSchema:
    index = metadata.thumbnail_index
    return VideoMetadataResponseSchema.model_validate(
        _fields(
            VideoMetadataResponseSchema,
            metadata,
            subtitle_files_urls={
                extension: subtitles_url(video_id, extension)
                for extension in metadata.subtitle_file_keys or {}
            },
            description=shown_description(metadata),
            description_body=metadata.description,
            show_notes_text=shown_show_notes(metadata),
            transcript_segments=segments_response(metadata.transcript_segments or []),
            thumbnail_file_url=None if index is None else thumbnail_url(video_id, index),
            thumbnail_candidates=[
                ThumbnailCandidateSchema.model_validate(
                    {**candidate, "url": thumbnail_url(video_id, candidate["index"])}
                )
                for candidate in metadata.thumbnail_candidates or []
            ],
        )
    )


def segments_response(stored: list[dict[str, Any]]) -> list[TranscriptSegmentSchema]:
    return [
        TranscriptSegmentSchema(
            start=segment.start,
            end=segment.end,
            text=segment.text,
            words=[_word(word) for word in segment.words],
        )
        for segment in Transcript.from_json(None, stored).segments
    ]


def transcript_response(metadata: VideoMetadata) -> TranscriptResponseSchema:
    transcript = saved_transcript(metadata)
    original = metadata.original_transcript_segments
    return TranscriptResponseSchema(
        version=metadata.transcript_version,
        language=metadata.language,
        edited=metadata.is_edited(EditedField.TRANSCRIPT),
        segments=[
            EditableSegmentSchema(
                id=segment_id,
                start=segment.start,
                end=segment.end,
                text=segment.text,
                words=[_word(word) for word in segment.words],
            )
            for segment_id, segment in zip(
                segment_ids(transcript), transcript.segments, strict=True
            )
        ],
        original=None if original is None else segments_response(original),
    )


def _word(word: Word) -> WordTimingSchema:
    return WordTimingSchema(
        word=word.word, start=word.start, end=word.end, probability=word.confidence
    )


def video_summary(summary: VideoSummary) -> VideoSummarySchema:
    index = summary.thumbnail_index
    return VideoSummarySchema(
        id=summary.id,
        original_filename=summary.original_filename,
        title=summary.title,
        status=summary.status,
        latest_job_id=summary.latest_job_id,
        thumbnail_url=None if index is None else thumbnail_url(summary.id, index),
        duration_seconds=summary.duration_seconds,
        size_bytes=summary.size_bytes,
        created_at=summary.created_at,
    )


def job_with_video(job: VideoJob) -> VideoJobWithVideoSchema:
    base = job_response(job)
    return VideoJobWithVideoSchema(
        **base.model_dump(),
        video=VideoResponseSchema.model_validate(job.video),
        title=job.video_metadata.title if job.video_metadata else None,
    )


def _fields(schema: type[BaseModel], row: object, **presented: Any) -> dict[str, Any]:
    """The schema's fields read off the row, except those `presented` here."""
    return {
        name: presented[name] if name in presented else getattr(row, name)
        for name in schema.model_fields
    }
