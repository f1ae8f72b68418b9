"""Publications: videos sent to YouTube, on a queue of their own

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import echo_core.models.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNFINISHED = sa.text("status IN ('PENDING', 'UPLOADING', 'PROCESSING')")


def upgrade() -> None:
    moment = echo_core.models.base.UTCDateTime(timezone=True)
    op.create_table(
        "publications",
        sa.Column("video_id", sa.String(length=36), nullable=False),
        sa.Column("job_id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=255), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "UPLOADING",
                "PROCESSING",
                "COMPLETED",
                "FAILED",
                name="publicationstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("privacy_status", sa.String(length=16), nullable=False),
        sa.Column("publish_at", moment, nullable=True),
        sa.Column("category_id", sa.String(length=8), nullable=True),
        sa.Column("made_for_kids", sa.Boolean(), nullable=False),
        sa.Column("progress", sa.Double(), nullable=False),
        sa.Column("bytes_uploaded", sa.BigInteger(), nullable=False),
        sa.Column("upload_session_uri", sa.Text(), nullable=True),
        sa.Column("youtube_video_id", sa.String(length=64), nullable=True),
        sa.Column("captions_done", sa.Boolean(), nullable=False),
        sa.Column("thumbnail_done", sa.Boolean(), nullable=False),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=255), nullable=True),
        sa.Column("lease_expires_at", moment, nullable=True),
        sa.Column("finished_at", moment, nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("updated_at", moment, nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["video_jobs.id"],
            name=op.f("fk_publications_job_id_video_jobs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.id"],
            name=op.f("fk_publications_video_id_videos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    op.create_index(
        "ix_publications_one_unfinished_per_video",
        "publications",
        ["video_id"],
        unique=True,
        postgresql_where=_UNFINISHED,
        sqlite_where=_UNFINISHED,
    )
    op.create_index(
        "ix_publications_runnable",
        "publications",
        ["created_at", "id"],
        postgresql_where=_UNFINISHED,
        sqlite_where=_UNFINISHED,
    )
    op.create_index("ix_publications_video_created", "publications", ["video_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_publications_video_created", table_name="publications")
    op.drop_index("ix_publications_runnable", table_name="publications")
    op.drop_index("ix_publications_one_unfinished_per_video", table_name="publications")
    op.drop_table("publications")
