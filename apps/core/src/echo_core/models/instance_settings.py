from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, utcnow

# The instance has one row of settings, always this id.
INSTANCE_SETTINGS_ID = 1


class InstanceSettings(Base):
    """What the instance's admin chose in the app; each empty field falls back to the
    `ECHO_*` environment variable that is its default."""

    __tablename__ = "instance_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text_engine_kind: Mapped[str | None] = mapped_column(String(16))
    text_engine_base_url: Mapped[str | None] = mapped_column(String(2048))
    text_engine_model: Mapped[str | None] = mapped_column(String(255))
    # Fernet token of the API key (encrypted with the instance's secret key), never plain.
    text_engine_api_key_encrypted: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
