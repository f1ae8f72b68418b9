"""Admins and the instance's settings (text engine, its model and encrypted key)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import echo_core.models.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_users = sa.table(
    "users",
    sa.column("id", sa.String()),
    sa.column("is_admin", sa.Boolean()),
    sa.column("created_at", echo_core.models.base.UTCDateTime()),
)


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    instance_settings = op.create_table(
        "instance_settings",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text_engine_kind", sa.String(length=16), nullable=True),
        sa.Column("text_engine_base_url", sa.String(length=2048), nullable=True),
        sa.Column("text_engine_model", sa.String(length=255), nullable=True),
        sa.Column("text_engine_api_key_encrypted", sa.Text(), nullable=True),
        sa.Column("updated_at", echo_core.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instance_settings")),
    )
    _make_the_first_account_admin(instance_settings)


def _make_the_first_account_admin(instance_settings: sa.Table) -> None:
    """An instance that already has accounts gets its admin: the oldest account. Its
    settings row is what marks the first account as taken (see AuthService.register)."""
    first = (
        op.get_bind()
        .execute(sa.select(_users.c.id).order_by(_users.c.created_at, _users.c.id).limit(1))
        .scalar()
    )
    if first is None:
        return
    op.execute(_users.update().where(_users.c.id == first).values(is_admin=True))
    op.bulk_insert(instance_settings, [{"id": 1, "updated_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("instance_settings")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
