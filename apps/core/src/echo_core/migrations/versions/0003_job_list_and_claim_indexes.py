"""Indexes for the job list and for claiming only runnable jobs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RUNNABLE = sa.text("status IN ('PENDING', 'PROCESSING')")


def upgrade() -> None:
    with op.batch_alter_table("video_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_video_jobs_queue")
        batch_op.create_index(
            "ix_video_jobs_runnable",
            ["priority", "created_at", "id"],
            unique=False,
            postgresql_where=RUNNABLE,
            sqlite_where=RUNNABLE,
        )
        batch_op.create_index(
            "ix_video_jobs_status_created", ["status", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("video_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_video_jobs_status_created")
        batch_op.drop_index("ix_video_jobs_runnable")
        batch_op.create_index(
            "ix_video_jobs_queue", ["status", "priority", "created_at"], unique=False
        )
