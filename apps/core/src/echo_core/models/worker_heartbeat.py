from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base


class WorkerHeartbeat(Base):
    """A running worker, stamped every few seconds whether it has work or not; what
    /metrics counts as the workers alive. A worker that stops cleanly removes its row;
    a dead one's row goes stale and is pruned."""

    __tablename__ = "worker_heartbeats"

    worker_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    started_at: Mapped[datetime]
    seen_at: Mapped[datetime] = mapped_column(index=True)
