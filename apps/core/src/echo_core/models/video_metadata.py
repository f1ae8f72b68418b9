from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from echo_core.models.base import Base, IdPrimaryKey, JSONDocument, Timestamps
from echo_core.models.edited_field import EditedField

if TYPE_CHECKING:
    from echo_core.models.video_job import VideoJob


class VideoMetadata(IdPrimaryKey, Timestamps, Base):
    __tablename__ = "video_metadata"

    job_id: Mapped[str] = mapped_column(
        ForeignKey("video_jobs.id", ondelete="CASCADE"), unique=True
    )
    # Bumped by every edit of the texts (title, description, tags, chapters, thumbnail):
    # an edit made from a stale version is refused, so two tabs never overwrite each other.
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # Bumped by every edit of the transcript, which has editors of its own.
    transcript_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # The EditedField values the creator changed: a reprocess keeps those fields.
    edited_fields: Mapped[list[str]] = mapped_column(
        JSONDocument, default=list, server_default=text("'[]'")
    )
    title: Mapped[str | None] = mapped_column(String(100))
    title_suggestions: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    # The description's body; its chapter lines are generated from `chapters` when shown.
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    transcript_text: Mapped[str | None] = mapped_column(Text)
    # [{start, end, text, words: [{word, start, end}]}], seconds from the start.
    transcript_segments: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    # The recognizer's transcript of this job, kept once the creator edits the one above.
    original_transcript_segments: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONDocument)
    # {"srt": storage key, "vtt": storage key}; the API builds the URLs when it answers.
    subtitle_file_keys: Mapped[dict[str, str]] = mapped_column(JSONDocument, default=dict)
    # [{start_seconds, title}]
    chapters: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    show_notes_text: Mapped[str | None] = mapped_column(Text)
    # The chosen thumbnail: the `index` of one of the candidates.
    thumbnail_index: Mapped[int | None]
    # [{index, time_seconds, score}]; each frame is stored under storage.job_keys.thumbnail_key.
    thumbnail_candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    extracted_video_duration_seconds: Mapped[float | None]
    extracted_video_resolution: Mapped[str | None] = mapped_column(String(32))
    extracted_video_format: Mapped[str | None] = mapped_column(String(64))
    fps: Mapped[float | None]
    language: Mapped[str | None] = mapped_column(String(16))
    # Which engine produced which output, e.g. {"transcript": "pocketsphinx"}.
    engines: Mapped[dict[str, str]] = mapped_column(JSONDocument, default=dict)

    def is_edited(self, field: EditedField) -> bool:
        return field in (self.edited_fields or [])

    def mark_edited(self, field: EditedField) -> None:
        if not self.is_edited(field):
            self.edited_fields = [*(self.edited_fields or []), field.value]

    job: Mapped["VideoJob"] = relationship(back_populates="video_metadata", lazy="raise")
