"""An idle worker starts a new job at once, told by the event bus instead of finding it by
polling; the slow poll that remains still takes back jobs whose lease ran out."""

import asyncio
import signal
from collections import Counter
from pathlib import Path

import httpx
import pytest

from echo_core.config import Settings
from tests.api.test_job_events import sign_up, upload
from tests.conftest import Api
from tests.job_polling import claims_in, wait_for
from tests.live_server import live_server
from tests.media import make_video
from tests.worker.test_job_queue import expire_lease, open_store, queue_videos
from tests.workers import (
    TEST_ENGINES,
    kill_worker_process,
    running_worker,
    start_worker_process,
)

# Polling this rarely, a worker that only polled would leave a new job waiting for a minute.
SLOW_POLL_SECONDS = 60
# The bound the issue states ("within a couple of seconds"), with room for a loaded machine;
# still far below the poll, so only a wake-up can meet it.
WAKE_WITHIN_SECONDS = 5
# Time for a worker's first claim to find the queue empty, so that it is waiting when the
# upload comes (had it not claimed yet, its first claim would find the job by itself).
SETTLE_SECONDS = 1


def is_started(job: dict[str, object]) -> bool:
    return job["status"] != "PENDING"


@pytest.fixture
def silent_clip(tmp_path: Path) -> Path:
    return make_video(tmp_path / "clip.mp4", seconds=1, width=160, height=120, with_audio=False)


async def test_an_idle_embedded_worker_starts_a_new_upload_at_once(
    settings: Settings, silent_clip: Path
) -> None:
    slow_poll = settings.model_copy(
        update={**TEST_ENGINES, "worker_poll_seconds": SLOW_POLL_SECONDS}
    )
    async with live_server(slow_poll) as base_url, httpx.AsyncClient(base_url=base_url) as client:
        token = await sign_up(client, "creator@example.com")
        await asyncio.sleep(SETTLE_SECONDS)
        job_id = (await upload(client, token, silent_clip))["job_id"]

        job = await started_within(client, token, job_id, WAKE_WITHIN_SECONDS)

    assert job["attempts"] == 1


async def started_within(
    client: httpx.AsyncClient, token: str, job_id: str, seconds: float
) -> dict[str, object]:
    async with asyncio.timeout(seconds):
        while True:
            response = await client.get(
                f"/api/video-processing-jobs/{job_id}", headers={"Authorization": f"Bearer {token}"}
            )
            job: dict[str, object] = response.json()
            if is_started(job):
                return job
            await asyncio.sleep(0.1)


async def wait_for_line(log: Path, text: str, within_seconds: float) -> None:
    async with asyncio.timeout(within_seconds):
        while True:
            if text in log.read_text():
                return
            await asyncio.sleep(0.1)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_an_idle_worker_process_starts_a_new_upload_at_once(
    api: Api, silent_clip: Path, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    log = tmp_path / "worker.log"
    worker = start_worker_process(
        api.settings, log, ECHO_WORKER_POLL_SECONDS=str(SLOW_POLL_SECONDS)
    )
    try:
        await wait_for_line(log, "is waiting for jobs", 120)
        await asyncio.sleep(SETTLE_SECONDS)
        job_id = (await api.upload(token, silent_clip)).json()["job_id"]
        job = await wait_for(api, token, job_id, is_started, WAKE_WITHIN_SECONDS, 0.1)
    finally:
        kill_worker_process(worker, signal.SIGTERM)

    assert job["attempts"] == 1
    assert claims_in([log]) == Counter({job_id: 1})


async def test_an_idle_worker_takes_back_an_expired_lease_at_its_poll(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    [job_id] = await queue_videos(api, token, sample_mp4, 1)
    store, engine = open_store(api)
    assert await store.claim("lost-worker", 60, 3) is not None
    await engine.dispose()  # type: ignore[attr-defined]
    async with running_worker(api, worker_poll_seconds=0.5):
        await asyncio.sleep(SETTLE_SECONDS)
        # A lease that runs out announces nothing: only the poll can find the job again.
        await expire_lease(api, job_id)
        job = await wait_for(api, token, job_id, lambda state: state["attempts"] == 2, 30)

    assert job["status"] != "PENDING"
