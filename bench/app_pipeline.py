"""One video through the real app and worker, in this process, on a fresh SQLite database.

The video is registered and uploaded through the ASGI app (httpx.ASGITransport, no
socket), then a Worker processes the queue as `echo-core worker` would; only the worker
is timed. The job's own stage records say where that time went.
"""

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import httpx
from cpu_time import cpu_seconds

from echo_core.api.app import create_app
from echo_core.config import Settings
from echo_core.migrate import upgrade_to_head_async
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker


@dataclass(frozen=True)
class PipelineRun:
    seconds: float
    cpu_seconds: float
    stage_seconds: dict[str, float]
    """Each stage's finished_at - started_at, in pipeline order."""


def bench_settings(data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # a stray .env file must not change what is measured
        data_dir=data_dir,
        asr_engine="pocketsphinx",
        text_engine="local",
        asr_threads=0,
        jwt_secret="benchmark-only-secret-not-used-anywhere-else",
    )


async def run_pipeline(data_dir: Path, video: BinaryIO, filename: str) -> PipelineRun:
    settings = bench_settings(data_dir)
    await upgrade_to_head_async(settings.resolved_database_url)
    app = create_app(settings)
    state = app.state.echo
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://echo.bench") as client:
            job_id, headers = await _upload(client, video, filename)
            runtime = state.runtime
            worker = Worker(
                settings, JobStore(runtime.session_factory), runtime.storage, runtime.events
            )
            started, started_cpu = time.perf_counter(), cpu_seconds()
            while await worker.run_one():
                pass
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - started_cpu
            response = await client.get(f"/api/video-processing-jobs/{job_id}", headers=headers)
            response.raise_for_status()
            job = response.json()
    finally:
        await state.runtime.engine.dispose()
    if job["status"] != "COMPLETED":
        raise RuntimeError(f"job {job['status']}: {job['error_message']}")
    return PipelineRun(seconds, cpu, _stage_seconds(job["processing_stages"]))


async def _upload(
    client: httpx.AsyncClient, video: BinaryIO, filename: str
) -> tuple[str, dict[str, str]]:
    credentials = {"email": "bench@example.com", "password": "benchmark-password"}
    registered = await client.post("/api/auth/register", json=credentials)
    registered.raise_for_status()
    headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
    uploaded = await client.post(
        "/api/videos", headers=headers, files={"file": (filename, video, "video/mp4")}
    )
    uploaded.raise_for_status()
    return uploaded.json()["job_id"], headers


def _stage_seconds(stages: list[dict[str, str | None]]) -> dict[str, float]:
    return {
        str(stage["name"]): (
            datetime.fromisoformat(str(stage["finished_at"]))
            - datetime.fromisoformat(str(stage["started_at"]))
        ).total_seconds()
        for stage in stages
        if stage["started_at"] and stage["finished_at"]
    }
