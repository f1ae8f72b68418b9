"""A worker: claims jobs from the table, keeps their leases alive, runs them.

Any number of workers, in any number of processes on any number of machines, can share
one PostgreSQL database; each job is claimed by exactly one of them at a time.
"""

import asyncio
import contextlib
import logging
import os
import socket
import uuid

from echo_core.config import Settings
from echo_core.db import is_connection_error
from echo_core.events.bus import EventBus
from echo_core.events.job_event import JobEvent
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.storage.base import Storage
from echo_core.worker.job_runner import JobRunner
from echo_core.worker.job_store import JobStore
from echo_core.worker.wake_up import SlotAlarm, alarms_on_queued_jobs

logger = logging.getLogger(__name__)


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Worker:
    def __init__(
        self,
        settings: Settings,
        store: JobStore,
        storage: Storage,
        events: EventBus,
        worker_id: str | None = None,
    ) -> None:
        self.worker_id = worker_id or new_worker_id()
        self._settings = settings
        self._store = store
        self._storage = storage
        self._events = events

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Run `worker_concurrency` job slots until `stop` is set."""
        logger.info(
            "worker %s started (%d slot(s))", self.worker_id, self._settings.worker_concurrency
        )
        async with alarms_on_queued_jobs(self._events, self._settings.worker_concurrency) as alarms:
            slots = [asyncio.create_task(self._slot(stop, alarm)) for alarm in alarms]
            try:
                await stop.wait()
            finally:
                for slot in slots:
                    slot.cancel()
                await asyncio.gather(*slots, return_exceptions=True)
                logger.info("worker %s stopped", self.worker_id)

    async def _slot(self, stop: asyncio.Event, alarm: SlotAlarm) -> None:
        while not stop.is_set():
            alarm.reset()
            try:
                worked = await self.run_one()
            except Exception as error:
                # Keep the worker alive and try again. A database that is restarting gets
                # one line per poll, not a traceback.
                if is_connection_error(error):
                    logger.warning("worker %s: database unreachable: %s", self.worker_id, error)
                else:
                    logger.exception("worker %s: could not claim or run a job", self.worker_id)
                worked = False
            if not worked:
                # A queued job rings the alarm; the poll is for what announces nothing, such
                # as a lease that ran out.
                await alarm.wait(self._settings.worker_poll_seconds)

    async def run_one(self) -> bool:
        """Claim and process one job; False when the queue had nothing runnable."""
        for failed in await self._store.fail_abandoned(self._settings.job_max_attempts):
            await self._announce(failed)
        job = await self._store.claim(
            self.worker_id, self._settings.job_lease_seconds, self._settings.job_max_attempts
        )
        if job is None:
            return False
        logger.info("worker %s: job %s, attempt %d", self.worker_id, job.id, job.attempts)
        runner = JobRunner(
            job, self.worker_id, self._settings, self._store, self._storage, self._events
        )
        work = asyncio.create_task(runner.run())
        heartbeat = asyncio.create_task(self._keep_lease(job.id, work))
        try:
            await work
        except asyncio.CancelledError:
            current = asyncio.current_task()
            # Our own shutdown propagates; a cancel from the heartbeat just ends this job.
            if current is not None and current.cancelling():
                raise
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
        return True

    async def _keep_lease(self, job_id: str, work: asyncio.Task[None]) -> None:
        interval = self._settings.job_lease_seconds / 3
        while not work.done():
            await asyncio.sleep(interval)
            try:
                renewed = await self._store.renew(
                    job_id, self.worker_id, self._settings.job_lease_seconds
                )
            except Exception:
                logger.warning("worker %s: lease renewal for %s failed", self.worker_id, job_id)
                continue
            if not renewed:
                # Canceled by its owner, or reclaimed after we stalled: stop working on it.
                logger.info("worker %s: job %s is no longer ours", self.worker_id, job_id)
                work.cancel()
                return

    async def _announce(self, job: VideoJob) -> None:
        await self._events.publish(
            JobEvent(
                job_id=job.id,
                video_id=job.video_id,
                owner_id=job.video.uploader_user_id,
                status=ProcessingStatus.FAILED.value,
            )
        )
