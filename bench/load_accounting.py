"""After the load: wait for the queue to drain, then check that every uploaded job was
done, and done once."""

import asyncio
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from echo_core.db import create_engine
from echo_core.models import VideoJob, VideoMetadata
from echo_core.models.processing_status import ProcessingStatus

# What a worker logs when it claims a job (worker.py), as a text line:
# "... job claimed  job_id=<id> video_id=<id> worker_id=<id> attempt=<n>".
CLAIM_LINE = re.compile(r"job claimed\s+job_id=([0-9a-f-]{36})")
UNFINISHED = (ProcessingStatus.PENDING, ProcessingStatus.PROCESSING)


@dataclass(frozen=True)
class JobAccount:
    uploaded: int
    completed: int
    drain_seconds: float
    lost: list[str]
    """Uploads the API accepted whose job is missing, FAILED, or still unfinished."""
    duplicated: list[str]
    """Jobs claimed more than once, with other than one metadata row, or sharing a video."""
    unexpected: list[str]
    """Jobs in the database that no accepted upload answered with."""
    claims: int


async def wait_for_drain(database_url: str, within_seconds: float) -> float:
    """Seconds until no job is PENDING or PROCESSING (or the limit, if it never drains)."""
    engine = create_engine(database_url)
    started = time.monotonic()
    try:
        while time.monotonic() - started < within_seconds:
            async with engine.connect() as connection:
                unfinished = await connection.scalar(
                    select(func.count()).where(VideoJob.status.in_(UNFINISHED))
                )
            if not unfinished:
                break
            await asyncio.sleep(0.5)
    finally:
        await engine.dispose()
    return time.monotonic() - started


async def account(
    database_url: str, uploaded: list[str], worker_logs: list[Path], drain_seconds: float
) -> JobAccount:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            jobs = (
                await connection.execute(select(VideoJob.id, VideoJob.video_id, VideoJob.status))
            ).all()
            metadata_rows = Counter(
                dict(
                    (
                        await connection.execute(
                            select(VideoMetadata.job_id, func.count()).group_by(
                                VideoMetadata.job_id
                            )
                        )
                    ).all()
                )
            )
    finally:
        await engine.dispose()
    status = {job_id: ProcessingStatus(value) for job_id, _video, value in jobs}
    jobs_per_video = Counter(video_id for _job, video_id, _status in jobs)
    video_of = {job_id: video_id for job_id, video_id, _status in jobs}
    claims = Counter(
        match.group(1) for log in worker_logs for match in CLAIM_LINE.finditer(log.read_text())
    )
    return JobAccount(
        uploaded=len(uploaded),
        completed=sum(status.get(job_id) == ProcessingStatus.COMPLETED for job_id in uploaded),
        drain_seconds=drain_seconds,
        lost=[job_id for job_id in uploaded if status.get(job_id) != ProcessingStatus.COMPLETED],
        duplicated=sorted(
            job_id
            for job_id in status
            if claims[job_id] > 1
            or metadata_rows[job_id] != 1
            or jobs_per_video[video_of[job_id]] > 1
        ),
        unexpected=sorted(set(status) - set(uploaded)),
        claims=sum(claims.values()),
    )
