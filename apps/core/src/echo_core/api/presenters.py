"""Turn loaded ORM rows into the API's response schemas."""

from echo_core.api.schemas.videos import (
    VideoDetailSchema,
    VideoJobResponseSchema,
    VideoJobWithVideoSchema,
    VideoMetadataResponseSchema,
    VideoResponseSchema,
    VideoSummarySchema,
)
from echo_core.models.video_job import VideoJob
from echo_core.operations.video_repository import VideoSummary, VideoWithLatestJob


def video_detail(found: VideoWithLatestJob) -> VideoDetailSchema:
    video = VideoResponseSchema.model_validate(found.video)
    return VideoDetailSchema(
        **video.model_dump(),
        latest_job=VideoJobResponseSchema.model_validate(found.job) if found.job else None,
        metadata=(
            VideoMetadataResponseSchema.model_validate(found.metadata) if found.metadata else None
        ),
    )


def video_summary(summary: VideoSummary) -> VideoSummarySchema:
    return VideoSummarySchema(
        id=summary.id,
        original_filename=summary.original_filename,
        title=summary.title,
        status=summary.status,
        latest_job_id=summary.latest_job_id,
        thumbnail_url=summary.thumbnail_file_url,
        duration_seconds=summary.duration_seconds,
        size_bytes=summary.size_bytes,
        created_at=summary.created_at,
    )


def job_with_video(job: VideoJob) -> VideoJobWithVideoSchema:
    base = VideoJobResponseSchema.model_validate(job)
    return VideoJobWithVideoSchema(
        **base.model_dump(),
        video=VideoResponseSchema.model_validate(job.video),
        title=job.video_metadata.title if job.video_metadata else None,
    )
