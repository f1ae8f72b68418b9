"""Upgrading a database whose metadata holds URLs (before revision 0005) keeps every file
reachable: the API answers with the same URLs, now built from stored keys and indices."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, column, insert, select, table

from echo_core.migrate import upgrade_to_head_async
from echo_core.models import Video, VideoJob
from echo_core.models.base import JSONDocument, UTCDateTime
from echo_core.services.jobs_factory import pending_stages
from echo_core.storage.job_keys import subtitles_key, thumbnail_key
from tests.conftest import Api, auth
from tests.db.earlier_revisions import downgrade_to, engine_of, job_row, table_without, video_row

BEFORE_STORED_REFERENCES = "0004"
WRITTEN_AT = datetime(2025, 6, 1, tzinfo=UTC)
VIDEO_ID = "0b7f3c52-0000-4000-8000-000000000001"
JOB_ID = "0b7f3c52-0000-4000-8000-000000000002"
THUMBNAILS = f"/api/videos/{VIDEO_ID}/thumbnails"

# video_metadata as revision 0004 has it, with the columns that held URLs.
metadata_0004 = table(
    "video_metadata",
    column("id", String),
    column("job_id", String),
    column("title_suggestions", JSONDocument),
    column("tags", JSONDocument),
    column("transcript_segments", JSONDocument),
    column("subtitle_files_urls", JSONDocument),
    column("chapters", JSONDocument),
    column("thumbnail_file_url", String),
    column("thumbnail_candidates", JSONDocument),
    column("engines", JSONDocument),
    column("created_at", UTCDateTime()),
    column("updated_at", UTCDateTime()),
)
# The videos and jobs tables as revision 0004 has them: later columns do not exist yet.
videos_0004 = table_without(Video, "language")
jobs_0004 = table_without(VideoJob, "warnings")
OLD_ROW: dict[str, Any] = {
    "subtitle_files_urls": {
        "srt": f"/api/videos/{VIDEO_ID}/subtitles.srt",
        "vtt": f"/api/videos/{VIDEO_ID}/subtitles.vtt",
    },
    "thumbnail_file_url": f"{THUMBNAILS}/2.jpg",
    "thumbnail_candidates": [
        {"index": 0, "url": f"{THUMBNAILS}/0.jpg", "time_seconds": 1.0, "score": 0.4},
        {"index": 2, "url": f"{THUMBNAILS}/2.jpg", "time_seconds": 9.5, "score": 0.8},
    ],
}


async def write_the_old_way(database_url: str, owner_id: str) -> None:
    await downgrade_to(database_url, BEFORE_STORED_REFERENCES)
    async with engine_of(database_url) as engine, engine.begin() as connection:
        await connection.execute(
            insert(videos_0004).values(video_row(VIDEO_ID, owner_id, WRITTEN_AT))
        )
        stages = [{**stage, "status": "COMPLETED", "progress": 1.0} for stage in pending_stages()]
        await connection.execute(
            insert(jobs_0004).values(
                job_row(JOB_ID, VIDEO_ID, "COMPLETED", WRITTEN_AT, processing_stages=stages)
            )
        )
        await connection.execute(
            insert(metadata_0004).values(
                id="0b7f3c52-0000-4000-8000-000000000003",
                job_id=JOB_ID,
                title_suggestions=[],
                tags=[],
                transcript_segments=[],
                chapters=[],
                engines={},
                created_at=WRITTEN_AT,
                updated_at=WRITTEN_AT,
                **OLD_ROW,
            )
        )


async def read_the_old_columns(database_url: str) -> dict[str, Any]:
    async with engine_of(database_url) as engine, engine.connect() as connection:
        row = (
            await connection.execute(
                select(
                    metadata_0004.c.subtitle_files_urls,
                    metadata_0004.c.thumbnail_file_url,
                    metadata_0004.c.thumbnail_candidates,
                )
            )
        ).one()
    return dict(row._mapping)


async def test_a_row_written_with_urls_reads_the_same_after_upgrade(api: Api) -> None:
    token = await api.register("creator@example.com")
    owner_id = (await api.client.get("/api/auth/me", headers=auth(token))).json()["id"]
    database_url = api.settings.resolved_database_url
    await api.runtime.engine.dispose()
    await write_the_old_way(database_url, owner_id)
    storage = api.runtime.storage
    await storage.put_bytes(subtitles_key(JOB_ID, "srt"), b"1\n00:00:00,000 --> 00:00:01,000\nHi\n")
    await storage.put_bytes(
        subtitles_key(JOB_ID, "vtt"), b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"
    )
    for index in (0, 2):
        await storage.put_bytes(thumbnail_key(JOB_ID, index), b"\xff\xd8 frame %d" % index)

    await upgrade_to_head_async(database_url)
    await api.runtime.engine.dispose()

    detail = await api.client.get(f"/api/videos/{VIDEO_ID}", headers=auth(token))
    assert detail.status_code == 200, detail.text
    metadata = detail.json()["metadata"]
    assert {name: metadata[name] for name in OLD_ROW} == OLD_ROW
    for url in [*OLD_ROW["subtitle_files_urls"].values(), OLD_ROW["thumbnail_file_url"]]:
        assert (await api.client.get(url, headers=auth(token))).status_code == 200, url
    thumbnail = await api.client.get(OLD_ROW["thumbnail_file_url"], headers=auth(token))
    assert thumbnail.content == b"\xff\xd8 frame 2"
    library = (await api.client.get("/api/videos", headers=auth(token))).json()
    assert library["items"][0]["thumbnail_url"] == f"{THUMBNAILS}/2.jpg"

    chosen = await api.client.patch(
        f"/api/videos/{VIDEO_ID}/metadata", json={"thumbnail_index": 0}, headers=auth(token)
    )
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["thumbnail_file_url"] == f"{THUMBNAILS}/0.jpg"

    # And back: a downgrade writes the URLs again, as the older version reads them.
    await api.runtime.engine.dispose()
    await downgrade_to(database_url, BEFORE_STORED_REFERENCES)
    assert await read_the_old_columns(database_url) == {
        **OLD_ROW,
        "thumbnail_file_url": f"{THUMBNAILS}/0.jpg",
    }
    await upgrade_to_head_async(database_url)
