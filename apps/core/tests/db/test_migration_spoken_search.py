"""Upgrading an instance with transcripts makes them searchable: each video's newest
transcript, found as the search finds words in new ones."""

from datetime import UTC, datetime, timedelta

from echo_core.db import create_session_factory
from echo_core.migrate import upgrade_to_head_async
from echo_core.models import ProcessingStatus, Video, VideoMetadata
from echo_core.operations.spoken_segment_repository import SpokenSegmentRepository
from echo_core.services.jobs_factory import new_pending_job
from echo_core.spoken_words import SpokenQuery
from tests.db.earlier_revisions import downgrade_to, engine_of

BEFORE_SEARCH = "0009"
LONG_AGO = datetime(2025, 3, 1, tzinfo=UTC)


def _video(owner: str, name: str) -> Video:
    return Video(
        uploader_user_id=owner,
        original_filename=name,
        storage_path=f"videos/{owner}/{name}",
        content_type="video/mp4",
        size_bytes=1,
    )


def _segment(start: float, text: str) -> dict[str, object]:
    return {"start": start, "end": start + 2.0, "text": text, "words": []}


async def test_upgrade_indexes_each_videos_newest_transcript(database_url: str) -> None:
    await downgrade_to(database_url, BEFORE_SEARCH)
    async with engine_of(database_url) as engine:
        sessions = create_session_factory(engine)
        async with sessions() as session:
            reprocessed, untranscribed, strangers = (
                _video("owner", "reprocessed.mp4"),
                _video("owner", "untranscribed.mp4"),
                _video("stranger", "theirs.mp4"),
            )
            session.add_all([reprocessed, untranscribed, strangers])
            await session.flush()
            transcripts = [
                # The first take, then a second whose transcription did not finish: the
                # first take's words are the ones the video's page last showed.
                (reprocessed, 0, [_segment(0.0, "An old lighthouse."), _segment(2.0, "Fog.")]),
                (reprocessed, 1, [_segment(0.0, "A new lighthouse keeper.")]),
                (reprocessed, 2, []),
                (untranscribed, 0, []),
                (strangers, 0, [_segment(4.0, "Their lighthouse.")]),
            ]
            for video, age, segments in transcripts:
                job = new_pending_job(video.id)
                job.created_at = job.updated_at = LONG_AGO + timedelta(days=age)
                # Finished (one unfinished job per video), the newest take by failing.
                job.status = ProcessingStatus.COMPLETED if segments else ProcessingStatus.FAILED
                session.add(job)
                await session.flush()
                session.add(VideoMetadata(job_id=job.id, transcript_segments=segments))
            await session.commit()

        await upgrade_to_head_async(database_url)

        async with sessions() as session:
            search = SpokenSegmentRepository(session).search
            found, total = await search("owner", SpokenQuery("lighthouse"), 10, 0)
            fog, _ = await search("owner", SpokenQuery("fog"), 10, 0)
            theirs, _ = await search("stranger", SpokenQuery("lighthouse"), 10, 0)

    assert total == 1
    assert [(item.video_id, item.text, item.start_seconds) for item in found] == [
        (reprocessed.id, "A new lighthouse keeper.", 0.0)
    ]
    assert fog == []
    assert [(item.video_id, item.start_seconds) for item in theirs] == [(strangers.id, 4.0)]
