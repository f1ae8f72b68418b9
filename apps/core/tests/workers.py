"""Run the real worker against a test app: in-process, or as separate processes."""

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from echo_core.config import Settings
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker
from tests.conftest import Api

PAUSED_WORKER = Path(__file__).with_name("paused_worker.py")
# The engines tests use: offline, deterministic, no model downloads.
TEST_ENGINES = {"asr_engine": "pocketsphinx", "text_engine": "local"}


def in_process_worker(api: Api, **overrides: object) -> Worker:
    """A worker on the test app's database, storage and events, with the test engines."""
    runtime = api.runtime
    settings = api.settings.model_copy(update={**TEST_ENGINES, **overrides})
    return Worker(settings, JobStore(runtime.session_factory), runtime.storage, runtime.events)


@contextlib.asynccontextmanager
async def running_worker(api: Api, **overrides: object) -> AsyncIterator[Worker]:
    """An in-process worker running its slots in the background for the block."""
    worker = in_process_worker(api, **overrides)
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run_forever(stop))
    try:
        yield worker
    finally:
        stop.set()
        await running


async def drain_queue(api: Api, **overrides: object) -> int:
    """Process queued jobs with an in-process worker until none is runnable."""
    worker = in_process_worker(api, **overrides)
    processed = 0
    while await worker.run_one():
        processed += 1
    return processed


def worker_environment(settings: Settings, **extra: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("ECHO_")}
    environment.update(
        ECHO_DATA_DIR=str(settings.data_dir),
        ECHO_DATABASE_URL=settings.resolved_database_url,
        ECHO_ASR_ENGINE="pocketsphinx",
        ECHO_TEXT_ENGINE="local",
        ECHO_WORKER_POLL_SECONDS="0.2",
    )
    # Last, so a test can override the defaults above (the poll interval, say).
    environment.update(extra)
    return environment


def start_worker_process(
    settings: Settings, log_path: Path, *, pause_after_stage_seconds: float = 0, **extra: str
) -> subprocess.Popen[bytes]:
    """`echo-core worker` in its own process, as production runs it; with a pause after
    each stage, the same worker started through tests/paused_worker.py."""
    command = (
        [sys.executable, str(PAUSED_WORKER), str(pause_after_stage_seconds)]
        if pause_after_stage_seconds
        else [sys.executable, "-m", "echo_core.cli", "worker"]
    )
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command,
            env=worker_environment(settings, **extra),
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group, so a kill takes its decoding processes with it,
            # as a machine dying would.
            start_new_session=True,
        )


def kill_worker_process(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)
    process.wait(timeout=30)
