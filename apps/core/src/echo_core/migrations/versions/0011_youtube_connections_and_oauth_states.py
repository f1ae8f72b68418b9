"""YouTube connections (refresh tokens sealed) and the OAuth states of connections under way

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:50:19
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import echo_core.models.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "youtube_connections",
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("channel_title", sa.String(length=255), nullable=False),
        sa.Column("refresh_token_encrypted", sa.Text(), nullable=False),
        sa.Column("access_token_encrypted", sa.Text(), nullable=True),
        sa.Column(
            "access_token_expires_at",
            echo_core.models.base.UTCDateTime(timezone=True),
            nullable=True,
        ),
        sa.Column("needs_reconnect", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("problem", sa.String(length=500), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_youtube_connections_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youtube_connections")),
        sa.UniqueConstraint("owner_id", name=op.f("uq_youtube_connections_owner_id")),
    )
    op.create_table(
        "youtube_oauth_states",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("code_verifier_encrypted", sa.Text(), nullable=False),
        sa.Column("created_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_youtube_oauth_states_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_youtube_oauth_states")),
    )
    op.create_index(op.f("ix_youtube_oauth_states_owner_id"), "youtube_oauth_states", ["owner_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_youtube_oauth_states_owner_id"), table_name="youtube_oauth_states")
    op.drop_table("youtube_oauth_states")
    op.drop_table("youtube_connections")
