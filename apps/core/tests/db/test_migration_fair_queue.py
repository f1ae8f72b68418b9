"""Upgrading a database that already holds two unfinished jobs for one video (possible
before a video was limited to one) keeps the newest and cancels the others."""

import asyncio
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import column, insert, select, table

from echo_core.db import create_engine
from echo_core.migrate import alembic_config, upgrade_to_head_async
from echo_core.models import Video, VideoJob
from echo_core.services.jobs_factory import pending_stages

BEFORE_FAIR_QUEUE = "0003"
QUEUED_AT = datetime(2025, 1, 1, tzinfo=UTC)


async def test_upgrade_keeps_only_the_newest_unfinished_job_of_a_video(database_url: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), BEFORE_FAIR_QUEUE)
    # The columns of video_jobs as revision 0003 has them: no queue_turn yet.
    jobs_0003 = table(
        "video_jobs",
        *(column(c.name, c.type) for c in VideoJob.__table__.c if c.name != "queue_turn"),
    )
    # And of videos: no language yet (revision 0005).
    videos_0003 = table(
        "videos", *(column(c.name, c.type) for c in Video.__table__.c if c.name != "language")
    )
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(
            insert(videos_0003).values(
                id="video-1",
                uploader_user_id="user-1",
                original_filename="talk.mp4",
                storage_path="videos/talk.mp4",
                content_type="video/mp4",
                size_bytes=1024,
                created_at=QUEUED_AT,
                updated_at=QUEUED_AT,
            )
        )
        for job_id, status, minutes in (
            ("running", "PROCESSING", 0),
            ("newest", "PENDING", 2),
            ("waiting", "PENDING", 1),
            ("done", "COMPLETED", 3),
        ):
            queued = QUEUED_AT + timedelta(minutes=minutes)
            await connection.execute(
                insert(jobs_0003).values(
                    id=job_id,
                    video_id="video-1",
                    status=status,
                    processing_stages=pending_stages(),
                    attempts=1 if status != "PENDING" else 0,
                    lease_owner="worker-1" if status == "PROCESSING" else None,
                    priority=0,
                    created_at=queued,
                    updated_at=queued,
                )
            )

    await upgrade_to_head_async(database_url)

    async with engine.connect() as connection:
        rows = await connection.execute(
            select(VideoJob.id, VideoJob.status, VideoJob.lease_owner, VideoJob.error_message)
        )
        outcome = {row.id: (row.status, row.lease_owner, row.error_message) for row in rows}
    await engine.dispose()
    superseded = ("CANCELED", None, "Canceled: a newer job for this video was queued.")
    assert outcome == {
        "newest": ("PENDING", None, None),
        "running": superseded,
        "waiting": superseded,
        "done": ("COMPLETED", None, None),
    }
