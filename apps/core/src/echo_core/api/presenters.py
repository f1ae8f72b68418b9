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
from echo_core.operations.video_repository import VideoWithLatestJob


def video_detail(found: VideoWithLatestJob) -> VideoDetailSchema:
    video = VideoResponseSchema.model_validate(found.video)
    return VideoDetailSchema(
        **video.model_dump(),
        latest_job=VideoJobResponseSchema.model_validate(found.job) if found.job else None,
        metadata=(
            VideoMetadataResponseSchema.model_validate(found.metadata) if found.metadata else None
        ),
    )


def video_summary(found: VideoWithLatestJob) -> VideoSummarySchema:
    metadata = found.metadata
    return VideoSummarySchema(
        id=found.video.id,
        original_filename=found.video.original_filename,
        title=metadata.title if metadata else None,
        status=found.job.status if found.job else None,
        latest_job_id=found.job.id if found.job else None,
        thumbnail_url=metadata.thumbnail_file_url if metadata else None,
        duration_seconds=metadata.extracted_video_duration_seconds if metadata else None,
        size_bytes=found.video.size_bytes,
        created_at=found.video.created_at,
    )


def job_with_video(job: VideoJob) -> VideoJobWithVideoSchema:
    base = VideoJobResponseSchema.model_validate(job)
    return VideoJobWithVideoSchema(
        **base.model_dump(),
        video=VideoResponseSchema.model_validate(job.video),
        title=job.video_metadata.title if job.video_metadata else None,
    )
