from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, utcnow


class YouTubeOAuthState(Base):
    """A connection under way: the `state` sent to Google, bound to the user who asked.

    Only its SHA-256 is stored, so the database cannot be used to finish someone else's
    consent; the PKCE verifier is sealed like every secret. Used once, then deleted.
    """

    __tablename__ = "youtube_oauth_states"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_verifier_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
