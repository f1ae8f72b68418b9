"""/metrics after real requests and a real job, read with Prometheus' text parser."""

import asyncio
from pathlib import Path

from pydantic import SecretStr

from echo_core.config import Settings
from tests.conftest import Api, AppFactory, auth
from tests.faulty_storage import FaultyStorage
from tests.observability.scraping import value
from tests.workers import drain_queue, running_worker


async def scrape(api: Api, **headers: str) -> str:
    response = await api.client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_requests_stages_outcomes_and_queue_depth_are_counted(
    api: Api, sample_mp4: Path
) -> None:
    # Counters belong to the process and other tests ran before: compare before and after.
    before = await scrape(api)
    token = await api.register("creator@example.com")
    uploaded = await api.upload(token, sample_mp4)
    assert uploaded.status_code == 201
    job_id = uploaded.json()["job_id"]
    missing = await api.client.get("/api/videos/no-such-video", headers=auth(token))
    assert missing.status_code == 404

    queued = await scrape(api)
    assert value(queued, "echo_jobs", status="pending") == 1
    assert value(queued, "echo_jobs", status="completed") == 0

    assert await drain_queue(api) == 1
    after = await scrape(api)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("echo_http_requests_total", route="/api/videos", method="POST", status="201") == 1
    # The template, never the id: a path per video would be a series per video.
    route = "/api/videos/{video_id}"
    assert grew("echo_http_requests_total", route=route, method="GET", status="404") == 1
    assert grew("echo_http_request_duration_seconds_count", route=route, method="GET") == 1
    assert value(after, "echo_jobs", status="pending") == 0
    assert value(after, "echo_jobs", status="completed") == 1
    assert grew("echo_job_outcomes_total", outcome="completed") == 1
    stage_count = "echo_stage_duration_seconds_count"
    assert grew(stage_count, stage="transcribe", engine="pocketsphinx") == 1
    assert grew(stage_count, stage="metadata", engine="local") == 1
    assert grew(stage_count, stage="probe", engine="builtin") == 1
    assert grew("echo_stage_duration_seconds_sum", stage="transcribe", engine="pocketsphinx") > 0
    state = await api.client.get(f"/api/video-processing-jobs/{job_id}", headers=auth(token))
    assert state.json()["status"] == "COMPLETED"


async def test_a_failed_job_and_a_retry_are_counted(api: Api, sample_mp4: Path) -> None:
    before = await scrape(api)
    token = await api.register("creator@example.com")
    assert (await api.upload(token, sample_mp4)).status_code == 201
    # The worker cannot fetch the video from the store: the first stage fails each time.
    api.runtime.storage = FaultyStorage(api.runtime.storage, "download_to")
    await drain_queue(api, job_max_attempts=2)
    after = await scrape(api)

    def grew(outcome: str) -> float:
        name = "echo_job_outcomes_total"
        return value(after, name, outcome=outcome) - value(before, name, outcome=outcome)

    assert (grew("retried"), grew("failed"), grew("completed")) == (1, 1, 0)
    assert value(after, "echo_jobs", status="failed") == 1


async def test_workers_alive_follows_heartbeats(api: Api) -> None:
    async with running_worker(api, worker_poll_seconds=0.2, job_lease_seconds=3):
        async with asyncio.timeout(10):
            while True:
                if value(await scrape(api), "echo_workers_alive") == 1:
                    break
                await asyncio.sleep(0.1)
    # A worker that stops cleanly says so at once.
    assert value(await scrape(api), "echo_workers_alive") == 0


async def test_with_a_metrics_token_only_its_bearer_reads(
    make_api: AppFactory, settings: Settings
) -> None:
    api = await make_api(settings.model_copy(update={"metrics_token": SecretStr("s3cret-scrape")}))
    assert (await api.client.get("/metrics")).status_code == 401
    wrong = await api.client.get("/metrics", headers=auth("s3cret-scrapf"))
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "not_authenticated"
    user_token = await api.register("creator@example.com")
    # A user's access token is no metrics token.
    assert (await api.client.get("/metrics", headers=auth(user_token))).status_code == 401
    text = await scrape(api, Authorization="Bearer s3cret-scrape")
    assert value(text, "echo_jobs", status="pending") == 0
