"""The API's vocabulary for videos, jobs and their metadata."""

from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

from echo_core import youtube_rules
from echo_core.models.edited_field import EditedField
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
    probability: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="How sure the recognizer was of the word; null when it did not say, "
        "or the creator typed the word",
    )


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
    version: int = Field(
        description="Send it back with an edit of the details or chapters; a stale one answers 409"
    )
    transcript_version: int = Field(description="The transcript's version (its own editor)")
    edited_fields: list[EditedField] = Field(
        description="What the creator changed; a reprocess keeps these unless told not to"
    )
    title: str | None
    title_suggestions: list[str]
    description: str | None = Field(
        description="As YouTube gets it: the body, then the chapter lines made from `chapters`"
    )
    description_body: str | None = Field(description="The description without its chapter lines")
    tags: list[str]
    transcript_text: str | None
    transcript_segments: list[TranscriptSegmentSchema]
    subtitle_files_urls: dict[str, str]
    chapters: list[ChapterSchema]
    show_notes_text: str | None = Field(description="The notes, then the chapter lines")
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

    version: int | None = Field(
        default=None,
        description="The `version` the edit was made from (a stale one answers 409); "
        "without it the edit applies to whatever is current",
    )
    title: str | None = None
    description: str | None = Field(
        default=None,
        description='Chapter lines in it ("0:00 Intro") become the chapters; a list '
        "YouTube would refuse answers 422",
    )
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


class ChaptersEditSchema(BaseModel):
    """The whole chapter list; an empty list removes the chapters."""

    model_config = ConfigDict(extra="forbid")

    version: int
    chapters: list[ChapterSchema] = Field(max_length=1000)


class ReprocessSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keep_edits: StrictBool = Field(
        default=True,
        description="Keep the fields the creator edited (their new drafts are offered "
        "beside them) and use an edited transcript for the later stages; false redoes "
        "everything",
    )


class VideoJobWithVideoSchema(VideoJobResponseSchema):
    """A job as the processing list shows it: with the video it belongs to."""

    video: VideoResponseSchema
    title: str | None = Field(description="The title chosen so far, if any")
