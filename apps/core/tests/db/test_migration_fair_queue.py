"""Upgrading a database that already holds two unfinished jobs for one video (possible
before a video was limited to one) keeps the newest and cancels the others."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from echo_core.migrate import upgrade_to_head_async
from echo_core.models import Video, VideoJob
from echo_core.services.jobs_factory import pending_stages
from tests.db.earlier_revisions import downgrade_to, engine_of, job_row, table_without, video_row

BEFORE_FAIR_QUEUE = "0003"
QUEUED_AT = datetime(2025, 1, 1, tzinfo=UTC)


async def test_upgrade_keeps_only_the_newest_unfinished_job_of_a_video(database_url: str) -> None:
    await downgrade_to(database_url, BEFORE_FAIR_QUEUE)
    # The tables as revision 0003 has them: no queue_turn (0004), warnings (0006) or
    # language (0007) yet.
    jobs_0003 = table_without(VideoJob, "queue_turn", "warnings")
    videos_0003 = table_without(Video, "language")
    async with engine_of(database_url) as engine:
        async with engine.begin() as connection:
            await connection.execute(
                insert(videos_0003).values(video_row("video-1", "user-1", QUEUED_AT))
            )
            for job_id, status, minutes in (
                ("running", "PROCESSING", 0),
                ("newest", "PENDING", 2),
                ("waiting", "PENDING", 1),
                ("done", "COMPLETED", 3),
            ):
                queued = QUEUED_AT + timedelta(minutes=minutes)
                row = job_row(
                    job_id,
                    "video-1",
                    status,
                    queued,
                    processing_stages=pending_stages(),
                    attempts=1 if status != "PENDING" else 0,
                    lease_owner="worker-1" if status == "PROCESSING" else None,
                )
                await connection.execute(insert(jobs_0003).values(row))

        await upgrade_to_head_async(database_url)

        async with engine.connect() as connection:
            rows = await connection.execute(
                select(VideoJob.id, VideoJob.status, VideoJob.lease_owner, VideoJob.error_message)
            )
            outcome = {row.id: (row.status, row.lease_owner, row.error_message) for row in rows}
    superseded = ("CANCELED", None, "Canceled: a newer job for this video was queued.")
    assert outcome == {
        "newest": ("PENDING", None, None),
        "running": superseded,
        "waiting": superseded,
        "done": ("COMPLETED", None, None),
    }
