"""The spoken-word search index: each video's transcript segments, searchable

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from alembic import op

import echo_core.models.base
from echo_core import spoken_words

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Videos whose transcripts are indexed per round: a round holds their segments in memory.
_VIDEOS_PER_ROUND = 50

_SQLITE_INDEX = """
CREATE VIRTUAL TABLE spoken_segments_fts USING fts5(
    words,
    content='spoken_segments',
    content_rowid='id',
    tokenize="unicode61 remove_diacritics 0 categories 'L* N* M*'"
)
"""
# FTS5 over an external table holds no copy of the rows: these keep it in step with every
# insert, update and delete, the ones a video's deletion cascades to included.
_SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER spoken_segments_fts_insert AFTER INSERT ON spoken_segments BEGIN
        INSERT INTO spoken_segments_fts (rowid, words) VALUES (new.id, new.words);
    END
    """,
    """
    CREATE TRIGGER spoken_segments_fts_delete AFTER DELETE ON spoken_segments BEGIN
        INSERT INTO spoken_segments_fts (spoken_segments_fts, rowid, words)
        VALUES ('delete', old.id, old.words);
    END
    """,
    """
    CREATE TRIGGER spoken_segments_fts_update AFTER UPDATE ON spoken_segments BEGIN
        INSERT INTO spoken_segments_fts (spoken_segments_fts, rowid, words)
        VALUES ('delete', old.id, old.words);
        INSERT INTO spoken_segments_fts (rowid, words) VALUES (new.id, new.words);
    END
    """,
)
# 'simple': lowercase, no stemming and no stop words, so every language is searched alike
# and the same way as SQLite's FTS5 does.
_POSTGRES_VECTOR = (
    "ALTER TABLE spoken_segments ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED"
)
_POSTGRES_VECTOR_INDEX = (
    "CREATE INDEX ix_spoken_segments_search_vector ON spoken_segments USING gin (search_vector)"
)

_videos = sa.table("videos", sa.column("id", sa.String()))
_jobs = sa.table(
    "video_jobs",
    sa.column("id", sa.String()),
    sa.column("video_id", sa.String()),
    sa.column("created_at", echo_core.models.base.UTCDateTime()),
)
_metadata = sa.table(
    "video_metadata",
    sa.column("job_id", sa.String()),
    sa.column("transcript_segments", echo_core.models.base.JSONDocument),
)


def upgrade() -> None:
    segments = op.create_table(
        "spoken_segments",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("video_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_seconds", sa.Float(), nullable=False),
        sa.Column("end_seconds", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.id"],
            name=op.f("fk_spoken_segments_video_id_videos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spoken_segments")),
    )
    op.create_index(
        op.f("ix_spoken_segments_video_id"), "spoken_segments", ["video_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRES_VECTOR)
        op.execute(_POSTGRES_VECTOR_INDEX)
    else:
        op.execute(_SQLITE_INDEX)
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)
    _index_existing_transcripts(segments)


def _index_existing_transcripts(segments: sa.Table) -> None:
    """Each video's transcript: its newest job's that has one (a reprocess not yet past
    transcription leaves the last transcript searchable). The words are made by today's
    spoken_words, the same as the searches that will read them."""
    bind = op.get_bind()
    after = ""
    while True:
        video_ids = list(
            bind.execute(
                sa.select(_videos.c.id)
                .where(_videos.c.id > after)
                .order_by(_videos.c.id)
                .limit(_VIDEOS_PER_ROUND)
            ).scalars()
        )
        if not video_ids:
            return
        after = video_ids[-1]
        transcripts = bind.execute(
            sa.select(_jobs.c.video_id, _metadata.c.transcript_segments)
            .join(_metadata, _metadata.c.job_id == _jobs.c.id)
            .where(_jobs.c.video_id.in_(video_ids))
            .order_by(_jobs.c.video_id, _jobs.c.created_at.desc())
        )
        indexed: set[str] = set()
        rows: list[dict[str, Any]] = []
        for video_id, transcript in transcripts:
            if video_id in indexed or not transcript:
                continue
            indexed.add(video_id)
            rows.extend(
                {"video_id": video_id, **asdict(segment)}
                for segment in spoken_words.indexed_segments(transcript)
            )
        if rows:
            op.bulk_insert(segments, rows)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER spoken_segments_fts_{trigger}")
        op.execute("DROP TABLE spoken_segments_fts")
    op.drop_index(op.f("ix_spoken_segments_video_id"), table_name="spoken_segments")
    op.drop_table("spoken_segments")
