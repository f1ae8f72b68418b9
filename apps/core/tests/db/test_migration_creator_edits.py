"""Upgrading to revision 0009 splits each stored description into its body and the chapter
lines the pipeline wrote under it: chapters have one source, and the API shows the same
description as before."""

from datetime import UTC, datetime

from sqlalchemy import Integer, String, Text, column, insert, select, table
from sqlalchemy.ext.asyncio import AsyncConnection

from echo_core.migrate import upgrade_to_head_async
from echo_core.models import Video, VideoJob
from echo_core.models.base import JSONDocument, UTCDateTime
from tests.db.earlier_revisions import downgrade_to, engine_of, job_row, table_without, video_row

BEFORE_CREATOR_EDITS = "0008"
WRITTEN_AT = datetime(2026, 6, 1, tzinfo=UTC)
CHAPTERS = [
    {"start_seconds": 0.0, "title": "Intro"},
    {"start_seconds": 12.0, "title": "Trams"},
    {"start_seconds": 25.0, "title": "Food"},
]
LISTED = "Trams, tiles and pastries.\n\n0:00 Intro\n0:12 Trams\n0:25 Food"
# Without chapters, a line that looks like one was the creator's own text.
UNCHAPTERED = "We met at\n10:30 sharp"

# Revision 0008 has every column of videos and video_jobs that the models have today.
videos = table_without(Video)
jobs = table_without(VideoJob)
# video_metadata as revision 0008 has it (the columns this test needs).
metadata_0008 = table(
    "video_metadata",
    column("id", String),
    column("job_id", String),
    column("description", Text),
    column("title_suggestions", JSONDocument),
    column("tags", JSONDocument),
    column("transcript_segments", JSONDocument),
    column("subtitle_file_keys", JSONDocument),
    column("chapters", JSONDocument),
    column("thumbnail_candidates", JSONDocument),
    column("engines", JSONDocument),
    column("created_at", UTCDateTime()),
    column("updated_at", UTCDateTime()),
)
metadata_0009 = table(
    "video_metadata",
    column("id", String),
    column("description", Text),
    column("version", Integer),
    column("transcript_version", Integer),
    column("edited_fields", JSONDocument),
    column("original_transcript_segments", JSONDocument),
)


async def test_upgrade_splits_chapter_lines_from_descriptions(database_url: str) -> None:
    await downgrade_to(database_url, BEFORE_CREATOR_EDITS)
    async with engine_of(database_url) as engine:
        async with engine.begin() as connection:
            for number, (description, chapters) in enumerate(
                [(LISTED, CHAPTERS), (UNCHAPTERED, []), (None, CHAPTERS)]
            ):
                await _insert_video(connection, str(number), description, chapters)

        await upgrade_to_head_async(database_url)

        async with engine.connect() as connection:
            rows = (
                await connection.execute(select(metadata_0009).order_by(metadata_0009.c.id))
            ).all()

    assert [row.description for row in rows] == ["Trams, tiles and pastries.", UNCHAPTERED, None]
    for row in rows:
        assert (row.version, row.transcript_version, row.edited_fields) == (1, 1, [])
        assert row.original_transcript_segments is None


async def _insert_video(
    connection: AsyncConnection, number: str, description: str | None, chapters: list[object]
) -> None:
    execute = connection.execute
    await execute(insert(videos).values(video_row(f"video-{number}", "someone", WRITTEN_AT)))
    await execute(
        insert(jobs).values(job_row(f"job-{number}", f"video-{number}", "COMPLETED", WRITTEN_AT))
    )
    await execute(
        insert(metadata_0008).values(
            id=f"metadata-{number}",
            job_id=f"job-{number}",
            description=description,
            title_suggestions=[],
            tags=[],
            transcript_segments=[],
            subtitle_file_keys={},
            chapters=chapters,
            thumbnail_candidates=[],
            engines={},
            created_at=WRITTEN_AT,
            updated_at=WRITTEN_AT,
        )
    )
