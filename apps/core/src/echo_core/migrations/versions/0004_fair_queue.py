"""Queue turns for round-robin claims; at most one unfinished job per video

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import echo_core.models.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNFINISHED = sa.text("status IN ('PENDING', 'PROCESSING')")
STARTED = sa.text("started_at IS NOT NULL")
SUPERSEDED = "Canceled: a newer job for this video was queued."

_jobs = sa.table(
    "video_jobs",
    sa.column("id", sa.String()),
    sa.column("video_id", sa.String()),
    sa.column("status", sa.String()),
    sa.column("error_message", sa.Text()),
    sa.column("lease_owner", sa.String()),
    sa.column("lease_expires_at", echo_core.models.base.UTCDateTime()),
    sa.column("created_at", echo_core.models.base.UTCDateTime()),
    sa.column("finished_at", echo_core.models.base.UTCDateTime()),
    sa.column("updated_at", echo_core.models.base.UTCDateTime()),
)


def _cancel_superseded_jobs() -> None:
    """Before this revision two reprocess clicks queued two jobs for one video; the unique
    index below allows one. The newest stays; the older ones are canceled (a worker running
    one notices at its next lease renewal and lets go)."""
    newer = _jobs.alias("newer")
    has_newer = (
        sa.select(newer.c.id)
        .where(
            newer.c.video_id == _jobs.c.video_id,
            newer.c.status.in_(("PENDING", "PROCESSING")),
            sa.or_(
                newer.c.created_at > _jobs.c.created_at,
                sa.and_(newer.c.created_at == _jobs.c.created_at, newer.c.id > _jobs.c.id),
            ),
        )
        .exists()
    )
    now = datetime.now(UTC)
    op.execute(
        _jobs.update()
        .where(_jobs.c.status.in_(("PENDING", "PROCESSING")), has_newer)
        .values(
            status="CANCELED",
            error_message=SUPERSEDED,
            lease_owner=None,
            lease_expires_at=None,
            finished_at=now,
            updated_at=now,
        )
    )


def upgrade() -> None:
    _cancel_superseded_jobs()
    with op.batch_alter_table("video_jobs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("queue_turn", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.drop_index("ix_video_jobs_runnable")
        batch_op.create_index(
            "ix_video_jobs_runnable",
            ["priority", "queue_turn", "created_at", "id"],
            unique=False,
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        )
        batch_op.create_index(
            "ix_video_jobs_one_unfinished_per_video",
            ["video_id"],
            unique=True,
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        )
        batch_op.create_index(
            "ix_video_jobs_started_turn",
            ["queue_turn"],
            unique=False,
            postgresql_where=STARTED,
            sqlite_where=STARTED,
        )


def downgrade() -> None:
    with op.batch_alter_table("video_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_video_jobs_started_turn")
        batch_op.drop_index("ix_video_jobs_one_unfinished_per_video")
        batch_op.drop_index("ix_video_jobs_runnable")
        batch_op.create_index(
            "ix_video_jobs_runnable",
            ["priority", "created_at", "id"],
            unique=False,
            postgresql_where=UNFINISHED,
            sqlite_where=UNFINISHED,
        )
        batch_op.drop_column("queue_turn")
