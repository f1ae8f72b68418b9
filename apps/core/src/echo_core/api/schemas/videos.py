"""The API's vocabulary for videos, jobs and their metadata."""

from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from echo_core import youtube_rules
from echo_core.models.processing_stage import StageStatus
from echo_core.models.processing_status import ProcessingStatus


class ProcessingStageSchema(BaseModel):
    name: str
    label: str = Field(description="The stage in words, for people")
    status: StageStatus
    progress: float = Field(ge=0, le=1)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    detail: str | None = None


class VideoResponseSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    uploader_user_id: str
    original_filename: str
    content_type: str
    size_bytes: int
    language: str = Field(
        description="The language the uploader said the speech is in: an ISO 639-1 code, or "
        "'auto' to detect it. The metadata's `language` is the one the job used."
    )
    created_at: datetime
    updated_at: datetime


class VideoJobResponseSchema(BaseModel):
    id: str
    video_id: str
    status: ProcessingStatus
    processing_stages: list[ProcessingStageSchema]
    error_message: str | None
    warnings: list[str] = Field(
        description="What processing found wrong with the file but worked around, "
        "such as stretches of damaged sound"
    )
    attempts: int
    priority: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime


class WordTimingSchema(BaseModel):
    word: str
    start: float
    end: float


class TranscriptSegmentSchema(BaseModel):
    start: float
    end: float
    text: str
    words: list[WordTimingSchema] = Field(default_factory=list)


class ChapterSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_seconds: float = Field(ge=0)
    title: str = Field(min_length=1, max_length=100)

    @field_validator("title")
    @classmethod
    def _check_title(cls, title: str) -> str:
        problem = youtube_rules.chapter_title_problem(title)
        if problem:
            raise ValueError(problem)
        return title


class ThumbnailCandidateSchema(BaseModel):
    index: int
    url: str
    time_seconds: float
    score: float = Field(
        ge=0, le=1, description="Frame quality; below 0.5 means no good frame was found"
    )


class VideoMetadataResponseSchema(BaseModel):
    id: str
    job_id: str
    title: str | None
    title_suggestions: list[str]
    description: str | None
    tags: list[str]
    transcript_text: str | None
    transcript_segments: list[TranscriptSegmentSchema]
    subtitle_files_urls: dict[str, str]
    chapters: list[ChapterSchema]
    show_notes_text: str | None
    thumbnail_file_url: str | None
    thumbnail_candidates: list[ThumbnailCandidateSchema]
    extracted_video_duration_seconds: float | None
    extracted_video_resolution: str | None
    extracted_video_format: str | None
    fps: float | None
    language: str | None = Field(
        description="The language the transcript, subtitles and texts are in (ISO 639-1): "
        "the one asked for at upload, or the one Whisper detected"
    )
    engines: dict[str, str]
    created_at: datetime
    updated_at: datetime


class VideoSummarySchema(BaseModel):
    """One row of the library: enough to draw a card without fetching the details."""

    id: str
    original_filename: str
    title: str | None
    status: ProcessingStatus | None
    latest_job_id: str | None
    thumbnail_url: str | None
    duration_seconds: float | None
    size_bytes: int
    created_at: datetime


class VideoDetailSchema(VideoResponseSchema):
    latest_job: VideoJobResponseSchema | None
    metadata: VideoMetadataResponseSchema | None


class VideoUploadResponseSchema(BaseModel):
    video_id: str
    job_id: str
    status: ProcessingStatus


class VideoMetadataUpdateSchema(BaseModel):
    """Fields a creator edits; omitted fields are left as they are."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    tags: list[str] | None = None
    chapters: list[ChapterSchema] | None = None
    thumbnail_index: int | None = Field(
        default=None, ge=0, description="Pick one of `thumbnail_candidates` as the thumbnail"
    )

    @field_validator("title")
    @classmethod
    def _check_title(cls, title: str | None) -> str | None:
        return _checked(title, youtube_rules.title_problem)

    @field_validator("description")
    @classmethod
    def _check_description(cls, description: str | None) -> str | None:
        return _checked(description, youtube_rules.description_problem)

    @field_validator("tags")
    @classmethod
    def _check_tags(cls, tags: list[str] | None) -> list[str] | None:
        if tags is None:
            return None
        cleaned = [tag.strip() for tag in tags]
        problem = youtube_rules.tags_problem(cleaned)
        if problem:
            raise ValueError(problem)
        return cleaned

    @model_validator(mode="after")
    def _check_chapter_order(self) -> Self:
        if self.chapters is not None:
            # The video's length is checked by the service, which knows it.
            problem = youtube_rules.chapters_problem(
                [chapter.start_seconds for chapter in self.chapters], None
            )
            if problem:
                raise ValueError(problem)
        return self


def _checked(value: str | None, rule: youtube_rules.Rule) -> str | None:
    if value is None:
        return None
    problem = rule(value)
    if problem:
        raise ValueError(problem)
    return value


class VideoJobWithVideoSchema(VideoJobResponseSchema):
    """A job as the processing list shows it: with the video it belongs to."""

    video: VideoResponseSchema
    title: str | None = Field(description="The title chosen so far, if any")
