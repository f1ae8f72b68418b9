from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, IdPrimaryKey, utcnow


class ApiToken(IdPrimaryKey, Base):
    """A long-lived bearer token for scripts. Only its SHA-256 is kept: the token itself is
    shown once, when it is made."""

    __tablename__ = "api_tokens"

    owner_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None: the token works until it is revoked.
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    # Refreshed at most once a minute (see API_TOKEN_USE_RECORD_INTERVAL), not per request.
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
