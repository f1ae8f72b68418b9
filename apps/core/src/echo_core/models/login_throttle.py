from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base


class LoginThrottle(Base):
    """Recent sign-in attempts for one account or one client address.

    Kept in the database, not in memory, so every API process sharing it counts the
    same attempts.
    """

    __tablename__ = "login_throttles"

    # "account" (subject: the normalised email) or "address" (subject: the client address).
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject: Mapped[str] = mapped_column(String(320), primary_key=True)
    # Attempts counted since the history was last forgotten; a success refunds its own.
    failures: Mapped[int]
    blocked_until: Mapped[datetime | None]
    # After this the history no longer counts, and the row may be pruned.
    forget_at: Mapped[datetime] = mapped_column(index=True)
