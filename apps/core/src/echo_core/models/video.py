from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from echo_core.models.base import Base, IdPrimaryKey, Timestamps

if TYPE_CHECKING:
    from echo_core.models.video_job import VideoJob


class Video(IdPrimaryKey, Timestamps, Base):
    __tablename__ = "videos"
    __table_args__ = (Index("ix_videos_uploader_created", "uploader_user_id", "created_at"),)

    # The token's `sub`: a local user's id or a Supabase user's, so not a foreign key.
    uploader_user_id: Mapped[str] = mapped_column(String(255))
    original_filename: Mapped[str] = mapped_column(String(255))
    storage_path: Mapped[str] = mapped_column(String(512), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    # What the uploader said the speech is in: an ISO 639-1 code, or "auto" to detect it.
    language: Mapped[str] = mapped_column(String(16), default="auto", server_default="auto")

    jobs: Mapped[list["VideoJob"]] = relationship(
        back_populates="video",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="VideoJob.created_at.desc()",
    )
