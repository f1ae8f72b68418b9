from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base


class RevokedToken(Base):
    """An access token signed out before it expired, refused until then."""

    __tablename__ = "revoked_tokens"

    # The token's `jti` claim.
    jti: Mapped[str] = mapped_column(String(255), primary_key=True)
    # The token's own expiry: after it the token is refused anyway, so the row can go.
    expires_at: Mapped[datetime] = mapped_column(index=True)
