"""`echo-core worker`: a worker process on its own, for running many across machines."""

import asyncio
import logging
import signal

from echo_core.config import Settings
from echo_core.db import create_engine, create_session_factory
from echo_core.events.factory import build_event_bus
from echo_core.storage.factory import build_storage
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker


async def run_worker(settings: Settings) -> None:
    # First: a storage misconfiguration stops the worker before it opens anything.
    storage = build_storage(settings)
    engine = create_engine(settings.resolved_database_url)
    events = build_event_bus(settings.resolved_database_url)
    await events.start()
    worker = Worker(settings, JobStore(create_session_factory(engine)), storage, events)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(f"Echo worker {worker.worker_id} is waiting for jobs", flush=True)
    try:
        await worker.run_forever(stop)
    finally:
        await events.close()
        await engine.dispose()


def main(settings: Settings) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(run_worker(settings))
