"""Metadata stores storage keys and indices, not URLs

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00
"""

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import echo_core.models.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The formats as they were when this revision was written; later changes to the key or
# URL layout must not change what this revision does to old rows.
SUBTITLES_KEY = "jobs/{job_id}/subtitles.{extension}"
SUBTITLES_URL = "/api/videos/{video_id}/subtitles.{extension}"
THUMBNAIL_URL = "/api/videos/{video_id}/thumbnails/{index}.jpg"
THUMBNAIL_URL_INDEX = re.compile(r"/thumbnails/(\d+)\.jpg$")

_metadata = sa.table(
    "video_metadata",
    sa.column("id", sa.String()),
    sa.column("job_id", sa.String()),
    sa.column("subtitle_files_urls", echo_core.models.base.JSONDocument),
    sa.column("subtitle_file_keys", echo_core.models.base.JSONDocument),
    sa.column("thumbnail_file_url", sa.String()),
    sa.column("thumbnail_index", sa.Integer()),
    sa.column("thumbnail_candidates", echo_core.models.base.JSONDocument),
)
_jobs = sa.table("video_jobs", sa.column("id", sa.String()), sa.column("video_id", sa.String()))


def _thumbnail_index(url: str | None) -> int | None:
    found = THUMBNAIL_URL_INDEX.search(url or "")
    return int(found.group(1)) if found else None


def _candidates_without_urls(candidates: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [{k: v for k, v in candidate.items() if k != "url"} for candidate in candidates or []]


def _rewrite_urls_as_references() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            _metadata.c.id,
            _metadata.c.job_id,
            _metadata.c.subtitle_files_urls,
            _metadata.c.thumbnail_file_url,
            _metadata.c.thumbnail_candidates,
        )
    ).all()
    for row in rows:
        keys = {
            extension: SUBTITLES_KEY.format(job_id=row.job_id, extension=extension)
            for extension in row.subtitle_files_urls or {}
        }
        connection.execute(
            _metadata.update()
            .where(_metadata.c.id == row.id)
            .values(
                subtitle_file_keys=keys,
                thumbnail_index=_thumbnail_index(row.thumbnail_file_url),
                thumbnail_candidates=_candidates_without_urls(row.thumbnail_candidates),
            )
        )


def _rewrite_references_as_urls() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            _metadata.c.id,
            _jobs.c.video_id,
            _metadata.c.subtitle_file_keys,
            _metadata.c.thumbnail_index,
            _metadata.c.thumbnail_candidates,
        ).join(_jobs, _jobs.c.id == _metadata.c.job_id)
    ).all()
    for row in rows:
        video_id = row.video_id
        index = row.thumbnail_index
        connection.execute(
            _metadata.update()
            .where(_metadata.c.id == row.id)
            .values(
                subtitle_files_urls={
                    extension: SUBTITLES_URL.format(video_id=video_id, extension=extension)
                    for extension in row.subtitle_file_keys or {}
                },
                thumbnail_file_url=(
                    None if index is None else THUMBNAIL_URL.format(video_id=video_id, index=index)
                ),
                thumbnail_candidates=[
                    {
                        **candidate,
                        "url": THUMBNAIL_URL.format(video_id=video_id, index=candidate["index"]),
                    }
                    for candidate in row.thumbnail_candidates or []
                ],
            )
        )


def upgrade() -> None:
    with op.batch_alter_table("video_metadata", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subtitle_file_keys", echo_core.models.base.JSONDocument, nullable=True)
        )
        batch_op.add_column(sa.Column("thumbnail_index", sa.Integer(), nullable=True))
    _rewrite_urls_as_references()
    with op.batch_alter_table("video_metadata", schema=None) as batch_op:
        batch_op.alter_column(
            "subtitle_file_keys", existing_type=echo_core.models.base.JSONDocument, nullable=False
        )
        batch_op.drop_column("subtitle_files_urls")
        batch_op.drop_column("thumbnail_file_url")


def downgrade() -> None:
    with op.batch_alter_table("video_metadata", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subtitle_files_urls", echo_core.models.base.JSONDocument, nullable=True)
        )
        batch_op.add_column(sa.Column("thumbnail_file_url", sa.String(length=1024), nullable=True))
    _rewrite_references_as_urls()
    with op.batch_alter_table("video_metadata", schema=None) as batch_op:
        batch_op.alter_column(
            "subtitle_files_urls", existing_type=echo_core.models.base.JSONDocument, nullable=False
        )
        batch_op.drop_column("subtitle_file_keys")
        batch_op.drop_column("thumbnail_index")
