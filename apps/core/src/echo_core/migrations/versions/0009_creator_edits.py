"""The creator's edits: versions, edited fields, the recognizer's transcript kept beside the
edited one, and descriptions stored without their chapter lines

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
# A chapter line as the pipeline wrote it under the body: "0:00 Intro", "1:02:03 Outro".
# Spelled out here, not imported, so the migration keeps meaning what it meant.
_CHAPTER_LINE = re.compile(r"^\d{1,2}(:\d{2}){1,2} \S")
_metadata = sa.table(
    "video_metadata",
    sa.column("id", sa.String()),
    sa.column("description", sa.Text()),
    sa.column("chapters", _JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("video_metadata") as batch:
        batch.add_column(
            sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
        batch.add_column(
            sa.Column(
                "transcript_version", sa.Integer(), server_default=sa.text("1"), nullable=False
            )
        )
        batch.add_column(
            sa.Column("edited_fields", _JSON, server_default=sa.text("'[]'"), nullable=False)
        )
        batch.add_column(sa.Column("original_transcript_segments", _JSON, nullable=True))
    _split_chapter_lines_from_descriptions()


def description_body(description: str) -> str:
    """The description without the block of chapter lines the pipeline put at its end."""
    lines = description.rstrip("\n").split("\n")
    while lines and _CHAPTER_LINE.match(lines[-1]):
        lines.pop()
    return "\n".join(lines).rstrip()


def _split_chapter_lines_from_descriptions() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_metadata.c.id, _metadata.c.description, _metadata.c.chapters).where(
            _metadata.c.description.is_not(None)
        )
    ).all()
    for row_id, description, chapters in rows:
        # Only rows that have chapters had a listing generated from them.
        if not chapters:
            continue
        body = description_body(description)
        if body != description:
            bind.execute(
                _metadata.update().where(_metadata.c.id == row_id).values(description=body)
            )


def downgrade() -> None:
    with op.batch_alter_table("video_metadata") as batch:
        batch.drop_column("original_transcript_segments")
        batch.drop_column("edited_fields")
        batch.drop_column("transcript_version")
        batch.drop_column("version")
