"""PostgreSQL restarts while a worker is busy: the worker, the event listener and the API
reconnect, and every job still completes exactly once.

The server restarted here is the test's own (tests/private_postgres.py), never the shared one.
"""

import asyncio
import signal
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from echo_core.events.job_event import JobEvent
from echo_core.events.postgres_bus import PostgresEventBus
from tests.conftest import Api, AppFactory, auth, settings_for
from tests.job_polling import claims_in, is_final, metadata_rows, wait_for
from tests.media import make_video
from tests.private_postgres import PrivatePostgres, private_postgres, unavailable_reason
from tests.workers import kill_worker_process, start_worker_process

pytestmark = pytest.mark.skipif(bool(unavailable_reason()), reason=str(unavailable_reason()))

JOBS = 5
# Each stage boundary lasts this long, so a job takes a few seconds and the restart is sure
# to land in the middle of one.
PAUSE_AFTER_STAGE_SECONDS = 0.3
LEASE_SECONDS = "3"
# Longer than a lease: the running job's lease lapses while the server is away.
DOWN_SECONDS = 4.0


@pytest.fixture
def restartable_postgres() -> Iterator[PrivatePostgres]:
    with private_postgres() as server:
        yield server


@pytest.fixture
async def api_on_private_postgres(
    restartable_postgres: PrivatePostgres, make_api: AppFactory, tmp_path: Path
) -> Api:
    database_url = await restartable_postgres.migrated_database("echo")
    return await make_api(settings_for(database_url, tmp_path))


@pytest.fixture
async def listening_bus(api_on_private_postgres: Api) -> AsyncIterator[PostgresEventBus]:
    bus = PostgresEventBus(api_on_private_postgres.settings.resolved_database_url)
    await bus.start()
    yield bus
    await bus.close()


async def next_event(bus: PostgresEventBus, within_seconds: float) -> JobEvent:
    async with bus.subscribe() as events, asyncio.timeout(within_seconds):
        return await anext(aiter(events))


async def test_jobs_complete_once_when_the_database_restarts_mid_run(
    api_on_private_postgres: Api,
    restartable_postgres: PrivatePostgres,
    listening_bus: PostgresEventBus,
    tmp_path: Path,
) -> None:
    api = api_on_private_postgres
    token = await api.register("creator@example.com")
    clip = make_video(tmp_path / "clip.mp4", seconds=2, width=160, height=120, with_audio=False)
    job_ids = [(await api.upload(token, clip)).json()["job_id"] for _ in range(JOBS)]
    log = tmp_path / "worker.log"
    worker = start_worker_process(
        api.settings,
        log,
        pause_after_stage_seconds=PAUSE_AFTER_STAGE_SECONDS,
        ECHO_JOB_LEASE_SECONDS=LEASE_SECONDS,
    )
    try:
        await wait_for(api, token, job_ids[0], lambda s: s["status"] == "COMPLETED", 120, 0.1)
        # The worker claims the next job a few milliseconds after the last one completes;
        # a loaded machine can stretch that past this test's first look.
        mid_run = await wait_for(
            api, token, job_ids[1], lambda s: s["status"] != "PENDING", 10, 0.05
        )
        assert mid_run["status"] == "PROCESSING", "the restart must land while a job runs"

        await asyncio.to_thread(restartable_postgres.restart, DOWN_SECONDS)

        # The API's pooled connections died with the server; pre-ping replaces them.
        assert (await api.client.get("/api/health")).status_code == 200
        listed = await api.client.get("/api/videos", headers=auth(token))
        assert listed.status_code == 200, listed.text
        # The listener reconnects and hears the worker's events again.
        assert (await next_event(listening_bus, within_seconds=30)).job_id in job_ids
        finished = [await wait_for(api, token, job_id, is_final, 120) for job_id in job_ids]
        assert worker.poll() is None, "the worker must survive the restart"
    finally:
        kill_worker_process(worker, signal.SIGTERM)

    assert [state["status"] for state in finished] == ["COMPLETED"] * JOBS, [
        state["error_message"] for state in finished
    ]
    worker_log = log.read_text()
    assert "database unreachable" in worker_log, "the worker never noticed the restart"
    # The job that was running waited for the server and carried on: no lease was lost, no
    # attempt spent, no job claimed twice.
    assert [state["attempts"] for state in finished] == [1] * JOBS
    assert claims_in([log]) == Counter(dict.fromkeys(job_ids, 1))
    assert await metadata_rows(api, job_ids) == Counter(dict.fromkeys(job_ids, 1))
