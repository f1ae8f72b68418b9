"""`echo-core worker`: a worker process on its own, for running many across machines."""

import asyncio
import contextlib
import signal
from dataclasses import dataclass

from echo_core.config import Settings
from echo_core.leftovers import remove_leftovers_at_start
from echo_core.migrate import upgrade_to_head
from echo_core.runtime import build_runtime
from echo_core.worker.job_runner import AfterStage, no_pause
from echo_core.worker.job_store import JobStore
from echo_core.worker.metrics_server import serve_metrics
from echo_core.worker.worker import Worker


@dataclass(frozen=True)
class MetricsAddress:
    host: str
    port: int


async def run_worker(
    settings: Settings,
    after_stage: AfterStage = no_pause,
    metrics: MetricsAddress | None = None,
) -> None:
    async with build_runtime(settings) as runtime:
        store = JobStore(runtime.session_factory)
        worker = Worker(settings, store, runtime.storage, runtime.events, after_stage=after_stage)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        async with contextlib.AsyncExitStack() as stack:
            if metrics is not None:
                await stack.enter_async_context(
                    serve_metrics(settings, store, metrics.host, metrics.port)
                )
            print(f"Echo worker {worker.worker_id} is waiting for jobs", flush=True)
            await worker.run_forever(stop)


def main(
    settings: Settings, after_stage: AfterStage = no_pause, metrics: MetricsAddress | None = None
) -> None:
    """Migrate, remove what dead processes left, then work until SIGINT or SIGTERM."""
    upgrade_to_head(settings.resolved_database_url)
    remove_leftovers_at_start(settings)
    asyncio.run(run_worker(settings, after_stage, metrics))
