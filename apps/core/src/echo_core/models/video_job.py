from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from echo_core.models.base import Base, IdPrimaryKey, JSONDocument, utcnow
from echo_core.models.processing_status import ProcessingStatus

if TYPE_CHECKING:
    from echo_core.models.video import Video
    from echo_core.models.video_metadata import VideoMetadata


UNFINISHED = text("status IN ('PENDING', 'PROCESSING')")
STARTED = text("started_at IS NOT NULL")


class VideoJob(IdPrimaryKey, Base):
    __tablename__ = "video_jobs"
    __table_args__ = (
        Index("ix_video_jobs_video_created", "video_id", "created_at"),
        # The claim query reads only runnable jobs; finished ones pile up and must not be
        # scanned on every poll.
        Index(
            "ix_video_jobs_runnable",
            "priority",
            "queue_turn",
            "created_at",
            "id",
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        ),
        # A video has at most one job queued or running: two reprocess clicks make one job.
        Index(
            "ix_video_jobs_one_unfinished_per_video",
            "video_id",
            unique=True,
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        ),
        # The turn now being served: the highest turn a worker has taken.
        Index(
            "ix_video_jobs_started_turn",
            "queue_turn",
            postgresql_where=STARTED,
            sqlite_where=STARTED,
        ),
        # The job list: one status (or two), newest first.
        Index("ix_video_jobs_status_created", "status", "created_at"),
        Index("ix_video_jobs_lease_expires_at", "lease_expires_at"),
    )

    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    status: Mapped[ProcessingStatus] = mapped_column(
        Enum(ProcessingStatus, native_enum=False, length=16, validate_strings=True),
        default=ProcessingStatus.PENDING,
    )
    processing_stages: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    error_message: Mapped[str | None] = mapped_column(Text)
    # What the stages found wrong but worked around (damaged stretches of sound, say).
    warnings: Mapped[list[str]] = mapped_column(
        JSONDocument, default=list, server_default=text("'[]'")
    )
    attempts: Mapped[int] = mapped_column(default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(255))
    lease_expires_at: Mapped[datetime | None]
    priority: Mapped[int] = mapped_column(default=0)
    # Round-robin between owners: workers take the lowest turn first (services/queue_admission.py).
    queue_turn: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    video: Mapped["Video"] = relationship(back_populates="jobs", lazy="raise")
    video_metadata: Mapped["VideoMetadata | None"] = relationship(
        back_populates="job",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        uselist=False,
    )
