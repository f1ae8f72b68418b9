from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, IdPrimaryKey, Timestamps


class YouTubeConnection(IdPrimaryKey, Timestamps, Base):
    """A user's YouTube channel, connected through Google's OAuth consent: one per user."""

    __tablename__ = "youtube_connections"

    owner_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    channel_id: Mapped[str] = mapped_column(String(64))
    channel_title: Mapped[str] = mapped_column(String(255))
    # Fernet tokens (sealed with the instance's secret key), never plain: a copy of the
    # database alone must not give anyone the channel.
    refresh_token_encrypted: Mapped[str] = mapped_column(Text)
    access_token_encrypted: Mapped[str | None] = mapped_column(Text)
    access_token_expires_at: Mapped[datetime | None]
    # Set when Google refused the refresh token (revoked, expired): the user must connect
    # the channel again; `problem` says so in words the settings page shows.
    needs_reconnect: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    problem: Mapped[str | None] = mapped_column(String(500))
