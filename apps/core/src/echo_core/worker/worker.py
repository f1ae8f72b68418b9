"""A worker: claims jobs from the table, keeps their leases alive, runs them.

Any number of workers, in any number of processes on any number of machines, can share
one PostgreSQL database; each job is claimed by exactly one of them at a time.

While a job runs, the worker checks every `job_check_seconds` that it is still its own.
Once it is not (canceled, its video deleted, or taken over after the lease lapsed), the
stage's work is told to stop, which ends recognition in well under a second, and what
does not listen is cancelled a moment later.
"""

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid

from echo_core.config import Settings
from echo_core.db import is_connection_error
from echo_core.events.bus import EventBus
from echo_core.events.job_event import job_event
from echo_core.models.processing_status import FINISHED_STATUSES, ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.storage.base import Storage, StorageError
from echo_core.storage.job_keys import job_prefix
from echo_core.worker.ended_job_files import remove_scratch
from echo_core.worker.job_runner import AfterStage, JobRunner, no_pause
from echo_core.worker.job_store import JobStore
from echo_core.worker.wake_up import SlotAlarm, alarms_on_queued_jobs
from echo_core.worker.webhook_sender import WebhookSender
from echo_core.worker.work_folders import remove_job_work_dir

logger = logging.getLogger(__name__)
# How long work told to stop may take to end by itself before it is cancelled: stages
# that watch the signal end in far less, and their threads and files end with them.
STOP_GRACE_SECONDS = 1.0


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
        after_stage: AfterStage = no_pause,
    ) -> None:
        self.worker_id = worker_id or new_worker_id()
        self._settings = settings
        self._store = store
        self._storage = storage
        self._events = events
        self._after_stage = after_stage

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Run `worker_concurrency` job slots until `stop` is set."""
        logger.info(
            "worker %s started (%d slot(s))", self.worker_id, self._settings.worker_concurrency
        )
        async with alarms_on_queued_jobs(self._events, self._settings.worker_concurrency) as alarms:
            slots = [asyncio.create_task(self._slot(stop, alarm)) for alarm in alarms]
            webhooks = WebhookSender(self._settings, self._store.session_factory, self.worker_id)
            slots.append(asyncio.create_task(webhooks.run_forever(stop)))
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
            await remove_scratch(self._settings, self._storage, failed.id)
            await self._announce(failed)
        job = await self._store.claim(
            self.worker_id, self._settings.job_lease_seconds, self._settings.job_max_attempts
        )
        if job is None:
            return False
        logger.info("worker %s: job %s, attempt %d", self.worker_id, job.id, job.attempts)
        stop = StopSignal()
        runner = JobRunner(
            job,
            self.worker_id,
            self._settings,
            self._store,
            self._storage,
            self._events,
            stop,
            self._after_stage,
        )
        work = asyncio.create_task(runner.run())
        watch = asyncio.create_task(self._watch(job.id, work, stop))
        try:
            await work
        except asyncio.CancelledError:
            current = asyncio.current_task()
            # Our own shutdown propagates; a cancel from the watch just ends this job.
            if current is not None and current.cancelling():
                raise
        finally:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
        await self._let_go(job.id)
        return True

    async def _watch(self, job_id: str, work: asyncio.Task[None], stop: StopSignal) -> None:
        """Renew the lease every third of it, check in between that the job is still ours,
        and stop the work soon after it is not."""
        lease = self._settings.job_lease_seconds
        next_renewal = time.monotonic() + lease / 3
        while not work.done():
            until_renewal = next_renewal - time.monotonic()
            await asyncio.sleep(max(0.0, min(self._settings.job_check_seconds, until_renewal)))
            try:
                if time.monotonic() >= next_renewal:
                    ours = await self._store.renew(job_id, self.worker_id, lease)
                    next_renewal = time.monotonic() + lease / 3
                else:
                    ours = await self._store.holds(job_id, self.worker_id)
            except Exception:
                logger.warning("worker %s: could not check job %s", self.worker_id, job_id)
                continue
            if not ours:
                logger.info("worker %s: job %s is no longer ours", self.worker_id, job_id)
                stop.stop()
                _done, running = await asyncio.wait({work}, timeout=STOP_GRACE_SECONDS)
                for task in running:
                    task.cancel()
                return

    async def _let_go(self, job_id: str) -> None:
        """After the work on a job ended: a job that no one will resume leaves no scratch,
        and a deleted one nothing in storage at all. Its stages may have written files
        after the video's own files were removed, before they could know."""
        status = await self._store.status_of(job_id)
        if status is None:
            remove_job_work_dir(self._settings, job_id)
            try:
                await self._storage.delete_prefix(job_prefix(job_id))
            except StorageError as error:
                logger.warning("job %s: files of the deleted job not removed: %s", job_id, error)
                return
            logger.info(
                "worker %s: job %s was deleted; its files are removed", self.worker_id, job_id
            )
        elif status in FINISHED_STATUSES:
            await remove_scratch(self._settings, self._storage, job_id)

    async def _announce(self, job: VideoJob) -> None:
        await self._events.publish(
            job_event(job, job.video.uploader_user_id, ProcessingStatus.FAILED)
        )
