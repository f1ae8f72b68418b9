"""Rows for the scale benchmark: each owner's account, and videos, each with one job and
its metadata, bulk-inserted.

Rows go in with Core `insert(table)` and lists of dicts (one executemany per table and
batch), through the models' own tables, so JSON and UTC datetimes are stored exactly as
the app stores them, thousands of rows a second.
"""

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, text

from echo_core.db import create_engine, is_sqlite
from echo_core.models.base import new_id
from echo_core.models.processing_stage import StageStatus
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.user import User
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.services.jobs_factory import pending_stages

Row = dict[str, Any]
BATCH = 1000
# A finished video's transcript: about two minutes of speech, word timings included, so
# each metadata row weighs what a real one does (~20 KB) and loading whole rows costs.
TRANSCRIPT_WORDS = 300
WORDS_PER_SEGMENT = 12
VOCABULARY = ("today", "we", "look", "at", "how", "the", "new", "release", "changes", "the", "way")


def library_status(index: int) -> ProcessingStatus:
    """One video in ten queued, one running, one failed; the rest finished."""
    return {
        0: ProcessingStatus.PENDING,
        1: ProcessingStatus.PROCESSING,
        2: ProcessingStatus.FAILED,
    }.get(index % 10, ProcessingStatus.COMPLETED)


def _stages(status: ProcessingStatus, at: datetime) -> list[Row]:
    stages: list[Row] = pending_stages()
    # Finished: every stage; running or failed: probe and extract_audio, then transcribe.
    done = {ProcessingStatus.COMPLETED: len(stages), ProcessingStatus.PENDING: 0}.get(status, 2)
    for stage in stages[:done]:
        stage.update(status=StageStatus.COMPLETED.value, progress=1.0)
        stage.update(started_at=at.isoformat(), finished_at=at.isoformat())
    if status is ProcessingStatus.PROCESSING:
        stages[done].update(status=StageStatus.RUNNING.value, progress=0.4)
    if status is ProcessingStatus.FAILED:
        stages[done].update(status=StageStatus.FAILED.value, detail="The recognizer stopped.")
    return stages


def _transcript() -> tuple[str, list[Row]]:
    words = [VOCABULARY[i % len(VOCABULARY)] for i in range(TRANSCRIPT_WORDS)]
    segments = []
    for first in range(0, len(words), WORDS_PER_SEGMENT):
        chunk = words[first : first + WORDS_PER_SEGMENT]
        timed = [
            {"word": word, "start": (first + i) * 0.4, "end": (first + i) * 0.4 + 0.35}
            for i, word in enumerate(chunk)
        ]
        segments.append(
            {"start": timed[0]["start"], "end": timed[-1]["end"], "text": " ".join(chunk)}
            | {"words": timed}
        )
    return " ".join(words), segments


def _metadata_contents() -> tuple[Row, Row]:
    """A finished job's metadata, and a queued/running/failed one's (probe fields only)."""
    probed = {
        "extracted_video_duration_seconds": TRANSCRIPT_WORDS * 0.4,
        "extracted_video_resolution": "1920x1080",
        "extracted_video_format": "mp4",
        "fps": 30.0,
    }
    empty: Row = {
        "title": None,
        "title_suggestions": [],
        "description": None,
        "tags": [],
        "transcript_text": None,
        "transcript_segments": [],
        "subtitle_file_keys": {},
        "chapters": [],
        "show_notes_text": None,
        "thumbnail_index": None,
        "thumbnail_candidates": [],
        "language": None,
        "engines": {},
    }
    transcript_text, segments = _transcript()
    finished = {
        "title_suggestions": [f"How the new release changes editing, part {n}" for n in range(5)],
        "description": transcript_text[:1000],
        "tags": ["editing", "release", "video", "tutorial"],
        "transcript_text": transcript_text,
        "transcript_segments": segments,
        "subtitle_file_keys": {"srt": "jobs/j/subtitles.srt", "vtt": "jobs/j/subtitles.vtt"},
        "chapters": [{"start_seconds": s * 40.0, "title": f"Part {s + 1}"} for s in range(3)],
        "show_notes_text": transcript_text[:600],
        "thumbnail_index": 0,
        "thumbnail_candidates": [
            {"index": n, "time_seconds": n * 20.0, "score": 0.5} for n in range(6)
        ],
        "language": "en",
        "engines": {"transcript": "pocketsphinx", "text": "local"},
    }
    return empty | probed | finished, empty | probed


def _rows(
    owner_id: str,
    count: int,
    first_created: datetime,
    status_of: Callable[[int], ProcessingStatus],
) -> Iterator[tuple[Row, Row, Row]]:
    finished, unfinished = _metadata_contents()
    # Built once per status and shared by every row: the driver serializes each row anyway.
    stages = {status: _stages(status, first_created) for status in ProcessingStatus}
    for index in range(count):
        created = first_created + timedelta(seconds=index)
        status = status_of(index)
        video_id, job_id = new_id(), new_id()
        started = status is not ProcessingStatus.PENDING
        ended = status in (ProcessingStatus.COMPLETED, ProcessingStatus.FAILED)
        yield (
            {
                "id": video_id,
                "uploader_user_id": owner_id,
                "original_filename": f"episode-{index:05d}.mp4",
                "storage_path": f"videos/{owner_id}/{video_id}.mp4",
                "content_type": "video/mp4",
                "size_bytes": 250_000_000 + index,
                "created_at": created,
                "updated_at": created,
            },
            {
                "id": job_id,
                "video_id": video_id,
                "status": status,
                "processing_stages": stages[status],
                "error_message": (
                    "The recognizer stopped." if status is ProcessingStatus.FAILED else None
                ),
                "attempts": 1 if started else 0,
                "lease_owner": "bench-worker" if status is ProcessingStatus.PROCESSING else None,
                "lease_expires_at": (
                    created + timedelta(days=365) if status is ProcessingStatus.PROCESSING else None
                ),
                "priority": 0,
                "created_at": created,
                "started_at": created if started else None,
                "finished_at": created if ended else None,
                "updated_at": created,
            },
            {
                "id": new_id(),
                "job_id": job_id,
                **(finished if status is ProcessingStatus.COMPLETED else unfinished),
                "title": f"Episode {index}" if status is ProcessingStatus.COMPLETED else None,
                "created_at": created,
                "updated_at": created,
            },
        )


def _account(owner_id: str) -> Row:
    # Nobody signs in with it: the benchmark issues its token directly.
    return {"id": owner_id, "email": f"{owner_id}@bench.example", "password_hash": "-"}


async def seed(
    url: str,
    owners: dict[str, int],
    first_created: datetime,
    status_of: Callable[[int], ProcessingStatus] = library_status,
) -> None:
    """Insert each owner's account and `owners[owner_id]` videos for each, one job and
    metadata row each.

    Every owner's videos share the same minute-by-second timeline, so their rows
    interleave in every index, as uploads from several creators would.
    """
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            # The API refuses a token whose account is gone, so every owner has one.
            await connection.execute(insert(User.__table__), [_account(o) for o in owners])
            for owner_id, count in owners.items():
                rows = _rows(owner_id, count, first_created, status_of)
                while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
                    videos, jobs, metadata = zip(*batch, strict=True)
                    await connection.execute(insert(Video.__table__), list(videos))
                    await connection.execute(insert(VideoJob.__table__), list(jobs))
                    await connection.execute(insert(VideoMetadata.__table__), list(metadata))
        if not is_sqlite(url):
            # A production database has planner statistics (autovacuum gathers them); a
            # freshly filled one has none until autovacuum's next pass, whenever that is.
            async with engine.begin() as connection:
                await connection.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
