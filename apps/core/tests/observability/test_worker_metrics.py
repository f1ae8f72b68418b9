"""`echo-core worker --metrics-port`: a worker run apart from the API serves its own
counters (its stages and jobs happen in its process, not the API's)."""

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import Api, auth
from tests.job_polling import is_final, wait_for
from tests.live_server import free_port
from tests.observability.scraping import value
from tests.workers import kill_worker_process, worker_environment

METRICS_TOKEN = "worker-scrape-token"


def start_worker_with_metrics(api: Api, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "echo_core.cli", "worker", "--metrics-port", str(port)],
            env=worker_environment(api.settings, ECHO_METRICS_TOKEN=METRICS_TOKEN),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


async def scrape_when_up(url: str, headers: dict[str, str]) -> str:
    async with httpx.AsyncClient() as client, asyncio.timeout(60):
        while True:
            try:
                response = await client.get(url, headers=headers)
            except httpx.TransportError:
                await asyncio.sleep(0.2)
                continue
            assert response.status_code == 200, response.text
            return response.text


async def test_a_separate_worker_serves_its_metrics(
    api: Api, sample_mp4: Path, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = await api.upload(token, sample_mp4)
    job_id = uploaded.json()["job_id"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/metrics"
    worker = start_worker_with_metrics(api, port, tmp_path / "worker.log")
    try:
        state = await wait_for(api, token, job_id, is_final, 120)
        assert state["status"] == "COMPLETED", state["error_message"]
        text = await scrape_when_up(url, {"Authorization": f"Bearer {METRICS_TOKEN}"})
        async with httpx.AsyncClient() as client:
            assert (await client.get(url)).status_code == 401
            elsewhere = await client.get(f"http://127.0.0.1:{port}/api/videos")
            assert elsewhere.status_code == 404
    finally:
        kill_worker_process(worker, signal.SIGTERM)

    # A fresh process: its counters hold exactly this one job.
    assert value(text, "echo_job_outcomes_total", outcome="completed") == 1
    count = "echo_stage_duration_seconds_count"
    assert value(text, count, stage="transcribe", engine="pocketsphinx") == 1
    assert value(text, "echo_jobs", status="completed") == 1
    assert value(text, "echo_workers_alive") == 1
    # The API reads the same queue from the same database.
    api_text = (await api.client.get("/metrics", headers=auth(token))).text
    assert value(api_text, "echo_jobs", status="completed") == 1
    assert worker.returncode == 0
