from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, IdPrimaryKey, JSONDocument, utcnow


class Webhook(IdPrimaryKey, Base):
    """A URL told about its owner's events, each delivery signed with the webhook's secret."""

    __tablename__ = "webhooks"

    # The token's `sub`, like a video's uploader: a Supabase user has no local row.
    owner_id: Mapped[str] = mapped_column(String(255), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    # The event types it receives (webhooks/event_types.py).
    events: Mapped[list[str]] = mapped_column(JSONDocument)
    # Sealed with the instance's secret box: a database dump alone cannot forge deliveries.
    secret_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
