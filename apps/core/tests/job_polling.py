"""Watching jobs from a test: their state through the API, and who claimed them."""

import asyncio
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from echo_core.db import create_engine
from echo_core.models import VideoMetadata
from tests.conftest import Api, auth

# What a worker logs when it claims a job (worker.py), as a text line:
# "... job claimed  job_id=<id> video_id=<id> worker_id=<id> attempt=<n>".
CLAIM_LINE = re.compile(r"job claimed\s+job_id=([0-9a-f-]{36})")


async def job_state(api: Api, token: str, job_id: str) -> dict[str, Any]:
    response = await api.client.get(f"/api/video-processing-jobs/{job_id}", headers=auth(token))
    body: dict[str, Any] = response.json()
    return body


async def wait_for(
    api: Api,
    token: str,
    job_id: str,
    done: Callable[[dict[str, Any]], bool],
    within_seconds: float,
    every_seconds: float = 0.25,
) -> dict[str, Any]:
    async with asyncio.timeout(within_seconds):
        while True:
            state = await job_state(api, token, job_id)
            if done(state):
                return state
            await asyncio.sleep(every_seconds)


def is_final(state: dict[str, Any]) -> bool:
    return state["status"] in ("COMPLETED", "FAILED", "CANCELED")


def stage(state: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in state["processing_stages"] if s["name"] == name)


def claims_in(logs: list[Path]) -> Counter[str]:
    return Counter(match.group(1) for log in logs for match in CLAIM_LINE.finditer(log.read_text()))


async def metadata_rows(api: Api, job_ids: list[str]) -> Counter[str]:
    """How many metadata rows each job has (one, always: it is created with the job)."""
    engine = create_engine(api.settings.resolved_database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(VideoMetadata.job_id, func.count())
                .where(VideoMetadata.job_id.in_(job_ids))
                .group_by(VideoMetadata.job_id)
            )
            return Counter({job_id: count for job_id, count in rows.all()})
    finally:
        await engine.dispose()
