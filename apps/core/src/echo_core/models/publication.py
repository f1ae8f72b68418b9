from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Boolean, Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from echo_core.models.base import Base, IdPrimaryKey, Timestamps
from echo_core.models.publication_status import PublicationStatus

if TYPE_CHECKING:
    from echo_core.models.video import Video
    from echo_core.models.video_job import VideoJob

UNFINISHED = text("status IN ('PENDING', 'UPLOADING', 'PROCESSING')")


class Publication(IdPrimaryKey, Timestamps, Base):
    """One press of Publish: the video (as the job's metadata had it) sent to YouTube.

    A queue of its own, with the jobs' discipline: claimed in one statement, a lease kept
    alive by its worker, retried, taken over when the worker dies. The upload session's
    URI is saved before the first byte is sent, so whoever resumes uses the same session.
    """

    __tablename__ = "publications"
    __table_args__ = (
        # A video has at most one publication under way: a second press answers 409.
        Index(
            "ix_publications_one_unfinished_per_video",
            "video_id",
            unique=True,
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        ),
        Index(
            "ix_publications_runnable",
            "created_at",
            "id",
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        ),
        Index("ix_publications_video_created", "video_id", "created_at"),
    )

    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    job_id: Mapped[str] = mapped_column(ForeignKey("video_jobs.id", ondelete="CASCADE"))
    owner_id: Mapped[str] = mapped_column(String(255))
    status: Mapped[PublicationStatus] = mapped_column(
        Enum(PublicationStatus, native_enum=False, length=16, validate_strings=True),
        default=PublicationStatus.PENDING,
    )
    privacy_status: Mapped[str] = mapped_column(String(16))
    publish_at: Mapped[datetime | None]
    category_id: Mapped[str | None] = mapped_column(String(8))
    made_for_kids: Mapped[bool] = mapped_column(Boolean, default=False)
    # The share of the video's bytes YouTube has confirmed.
    progress: Mapped[float] = mapped_column(default=0.0)
    bytes_uploaded: Mapped[int] = mapped_column(BigInteger, default=0)
    upload_session_uri: Mapped[str | None] = mapped_column(Text)
    youtube_video_id: Mapped[str | None] = mapped_column(String(64))
    captions_done: Mapped[bool] = mapped_column(Boolean, default=False)
    thumbnail_done: Mapped[bool] = mapped_column(Boolean, default=False)
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(255))
    lease_expires_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    video: Mapped["Video"] = relationship(lazy="raise")
    job: Mapped["VideoJob"] = relationship(lazy="raise")
