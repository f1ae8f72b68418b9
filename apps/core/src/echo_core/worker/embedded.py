"""The worker that `serve` (and so `make dev`) runs inside the API process."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from echo_core.runtime import Runtime
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker


@contextlib.asynccontextmanager
async def run_embedded_worker(runtime: Runtime, enabled: bool) -> AsyncIterator[None]:
    if not enabled:
        yield
        return
    worker = Worker(
        runtime.settings, JobStore(runtime.session_factory), runtime.storage, runtime.events
    )
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop))
    try:
        yield
    finally:
        stop.set()
        await task
