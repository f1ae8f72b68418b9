"""The worker that `serve` (and so `make dev`) runs inside the API process."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from echo_core.api.state import AppState
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker


@contextlib.asynccontextmanager
async def run_embedded_worker(state: AppState, enabled: bool) -> AsyncIterator[None]:
    if not enabled:
        yield
        return
    worker = Worker(state.settings, JobStore(state.session_factory), state.storage, state.events)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop))
    try:
        yield
    finally:
        stop.set()
        await task
