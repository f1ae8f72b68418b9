"""A publication does not wait for the job queue to empty: a worker with a queue of jobs
to get through takes turns between jobs and publications."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from echo_core.config import Settings
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker
from tests.conftest import Api, AppFactory
from tests.fake_google import FakeGoogle
from tests.fake_google.youtube_uploads import FakeYouTube, running_fake_youtube
from tests.job_polling import job_state
from tests.workers import TEST_ENGINES
from tests.youtube.publishing import (
    connected_creator_with_finished_video,
    publication,
    publish,
    publishing_settings,
)

QUEUED_JOBS = 3


@pytest.fixture
def youtube(google: FakeGoogle) -> Iterator[FakeYouTube]:
    with running_fake_youtube(google) as fake:
        yield fake


@pytest.fixture
async def api(
    make_api: AppFactory, settings: Settings, google: FakeGoogle, youtube: FakeYouTube
) -> Api:
    return await make_api(publishing_settings(settings, google, youtube))


async def test_a_publication_is_sent_while_jobs_are_still_queued(
    api: Api, sample_mp4: Path
) -> None:
    creator = await connected_creator_with_finished_video(api, sample_mp4)
    await publish(api, creator)
    job_ids = [
        (await api.upload(creator.token, sample_mp4)).json()["job_id"] for _ in range(QUEUED_JOBS)
    ]
    settings = api.settings.model_copy(update={**TEST_ENGINES, "worker_concurrency": 1})
    runtime = api.runtime
    worker = Worker(settings, JobStore(runtime.session_factory), runtime.storage, runtime.events)
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run_forever(stop))
    try:
        async with asyncio.timeout(120):
            while True:
                if (await publication(api, creator))["status"] == "COMPLETED":
                    break
                await asyncio.sleep(0.1)
        statuses = [(await job_state(api, creator.token, job))["status"] for job in job_ids]
    finally:
        stop.set()
        await running

    # Before the queue emptied; how many jobs ran meanwhile depends on how many turns
    # YouTube's processing took.
    assert "PENDING" in statuses, statuses
