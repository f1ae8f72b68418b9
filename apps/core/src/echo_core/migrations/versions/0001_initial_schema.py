"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 06:52:11.096267
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import echo_core.models.base

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "videos",
        sa.Column("uploader_user_id", sa.String(length=255), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("storage_path", sa.String(length=512), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_videos")),
        sa.UniqueConstraint("storage_path", name=op.f("uq_videos_storage_path")),
    )
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.create_index(
            "ix_videos_uploader_created", ["uploader_user_id", "created_at"], unique=False
        )

    op.create_table(
        "video_jobs",
        sa.Column("video_id", sa.String(length=36), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "PROCESSING",
                "COMPLETED",
                "FAILED",
                name="processingstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "processing_stages",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=255), nullable=True),
        sa.Column(
            "lease_expires_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("created_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.id"],
            name=op.f("fk_video_jobs_video_id_videos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_jobs")),
    )
    with op.batch_alter_table("video_jobs", schema=None) as batch_op:
        batch_op.create_index("ix_video_jobs_lease_expires_at", ["lease_expires_at"], unique=False)
        batch_op.create_index(
            "ix_video_jobs_queue", ["status", "priority", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_video_jobs_video_created", ["video_id", "created_at"], unique=False
        )

    op.create_table(
        "video_metadata",
        sa.Column("job_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column(
            "title_suggestions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "tags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("transcript_text", sa.Text(), nullable=True),
        sa.Column(
            "transcript_segments",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "subtitle_files_urls",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "chapters",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("show_notes_text", sa.Text(), nullable=True),
        sa.Column("thumbnail_file_url", sa.String(length=1024), nullable=True),
        sa.Column(
            "thumbnail_candidates",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("extracted_video_duration_seconds", sa.Double(), nullable=True),
        sa.Column("extracted_video_resolution", sa.String(length=32), nullable=True),
        sa.Column("extracted_video_format", sa.String(length=64), nullable=True),
        sa.Column("fps", sa.Double(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column(
            "engines",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["video_jobs.id"],
            name=op.f("fk_video_metadata_job_id_video_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_metadata")),
        sa.UniqueConstraint("job_id", name=op.f("uq_video_metadata_job_id")),
    )


def downgrade() -> None:
    op.drop_table("video_metadata")
    with op.batch_alter_table("video_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_video_jobs_video_created")
        batch_op.drop_index("ix_video_jobs_queue")
        batch_op.drop_index("ix_video_jobs_lease_expires_at")

    op.drop_table("video_jobs")
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.drop_index("ix_videos_uploader_created")

    op.drop_table("videos")
    op.drop_table("users")
