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
from collections.abc import Awaitable
from datetime import timedelta
from typing import Protocol

from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.db import is_connection_error
from echo_core.events.bus import EventBus
from echo_core.events.job_event import job_event
from echo_core.events.publication_event import publication_event
from echo_core.models.base import utcnow
from echo_core.models.processing_status import FINISHED_STATUSES, ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.observability.log_context import log_fields
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.storage.base import Storage, StorageError
from echo_core.storage.job_keys import job_prefix
from echo_core.worker.ended_job_files import remove_scratch
from echo_core.worker.job_runner import AfterStage, JobRunner, no_pause
from echo_core.worker.job_store import JobStore
from echo_core.worker.publication_runner import PublicationRunner, TokensFor
from echo_core.worker.publication_store import PublicationStore
from echo_core.worker.wake_up import SlotAlarm, alarms_on_queued_jobs
from echo_core.worker.webhook_sender import WebhookSender
from echo_core.worker.work_folders import remove_job_work_dir
from echo_core.youtube.access_tokens import AccessTokens
from echo_core.youtube.credentials import credentials_for_user

logger = logging.getLogger(__name__)
# How long work told to stop may take to end by itself before it is cancelled: stages
# that watch the signal end in far less, and their threads and files end with them.
STOP_GRACE_SECONDS = 1.0
# A heartbeat row this old belongs to a worker that died without saying so.
HEARTBEAT_RETENTION = timedelta(days=1)


class LeaseStore(Protocol):
    """What watching a lease needs: jobs and publications each have one."""

    async def renew(self, item_id: str, worker_id: str, lease_seconds: float) -> bool: ...

    async def holds(self, item_id: str, worker_id: str) -> bool: ...


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
        tokens_for: TokensFor | None = None,
    ) -> None:
        self.worker_id = worker_id or new_worker_id()
        self._settings = settings
        self._store = store
        self._publications = PublicationStore(store.session_factory)
        self._publications_first = False
        self._storage = storage
        self._events = events
        self._after_stage = after_stage
        # The channel's tokens come from its saved connection; tests may hand in their own.
        self._tokens_for = tokens_for or self._connection_tokens

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Run `worker_concurrency` job slots until `stop` is set."""
        logger.info(
            "worker %s started (%d slot(s))", self.worker_id, self._settings.worker_concurrency
        )
        async with alarms_on_queued_jobs(self._events, self._settings.worker_concurrency) as alarms:
            tasks = [asyncio.create_task(self._slot(stop, alarm)) for alarm in alarms]
            tasks.append(asyncio.create_task(self._heartbeat()))
            webhooks = WebhookSender(self._settings, self._store.session_factory, self.worker_id)
            tasks.append(asyncio.create_task(webhooks.run_forever(stop)))
            try:
                await stop.wait()
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                await self._forget()
                logger.info("worker %s stopped", self.worker_id)

    async def _heartbeat(self) -> None:
        """Stamp this worker's heartbeat, busy or idle, for the workers-alive metric."""
        interval = self._settings.worker_heartbeat_seconds
        while True:
            try:
                await self._store.beat(self.worker_id, utcnow() - HEARTBEAT_RETENTION)
            except Exception as error:
                # The slots report an unreachable database; this only misses a beat.
                logger.debug("worker %s: heartbeat not saved: %s", self.worker_id, error)
            await asyncio.sleep(interval)

    async def _forget(self) -> None:
        try:
            await self._store.forget_worker(self.worker_id)
        except Exception as error:
            # Its row goes stale and stops counting as alive a few beats later.
            logger.warning("worker %s: heartbeat not removed: %s", self.worker_id, error)

    async def _slot(self, stop: asyncio.Event, alarm: SlotAlarm) -> None:
        while not stop.is_set():
            alarm.reset()
            try:
                worked = await self.work_once()
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

    async def work_once(self) -> bool:
        """One job or one publication, False when neither queue had anything runnable. The
        two queues take turns at being looked at first, so a publication is not kept
        waiting until every queued job is done, nor the jobs by a run of publications."""
        first, second = (
            (self.publish_one, self.run_one)
            if self._publications_first
            else (self.run_one, self.publish_one)
        )
        self._publications_first = not self._publications_first
        return await first() or await second()

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
        # Every line logged while the job runs, by the tasks started below too, names it.
        with log_fields(job_id=job.id, video_id=job.video_id):
            await self._run_claimed(job)
        return True

    async def _run_claimed(self, job: VideoJob) -> None:
        logger.info("job claimed", extra={"worker_id": self.worker_id, "attempt": job.attempts})
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
        await self._run_watched(runner.run(), self._store, job.id, stop)
        await self._let_go(job.id)

    async def publish_one(self) -> bool:
        """Claim and run one publication; False when none was runnable."""
        max_attempts = self._settings.job_max_attempts
        for failed in await self._publications.fail_abandoned(max_attempts):
            await self._events.publish(publication_event(failed))
        publication = await self._publications.claim(
            self.worker_id, self._settings.job_lease_seconds, max_attempts
        )
        if publication is None:
            return False
        logger.info(
            "worker %s: publication %s, attempt %d",
            self.worker_id,
            publication.id,
            publication.attempts,
        )
        await self._events.publish(publication_event(publication))
        runner = PublicationRunner(
            publication,
            self.worker_id,
            self._settings,
            self._publications,
            self._storage,
            self._events,
            self._tokens_for,
        )
        await self._run_watched(runner.run(), self._publications, publication.id, StopSignal())
        return True

    async def _connection_tokens(self, owner_id: str) -> AccessTokens:
        return await credentials_for_user(
            self._publications.session_factory,
            self._settings,
            SecretBox.from_settings(self._settings),
            owner_id,
        )

    async def _run_watched(
        self, run: Awaitable[None], leases: LeaseStore, item_id: str, stop: StopSignal
    ) -> None:
        """Run the work while its lease is watched; a lost lease stops it."""
        work = asyncio.ensure_future(run)
        watch = asyncio.create_task(self._watch(leases, item_id, work, stop))
        try:
            await work
        except asyncio.CancelledError:
            current = asyncio.current_task()
            # Our own shutdown propagates; a cancel from the watch just ends this work.
            if current is not None and current.cancelling():
                raise
        finally:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch

    async def _watch(
        self, leases: LeaseStore, item_id: str, work: asyncio.Future[None], stop: StopSignal
    ) -> None:
        """Renew the lease every third of it, check in between that the work is still ours,
        and stop it soon after it is not."""
        lease = self._settings.job_lease_seconds
        next_renewal = time.monotonic() + lease / 3
        while not work.done():
            until_renewal = next_renewal - time.monotonic()
            await asyncio.sleep(max(0.0, min(self._settings.job_check_seconds, until_renewal)))
            try:
                if time.monotonic() >= next_renewal:
                    ours = await leases.renew(item_id, self.worker_id, lease)
                    next_renewal = time.monotonic() + lease / 3
                else:
                    ours = await leases.holds(item_id, self.worker_id)
            except Exception:
                logger.warning("worker %s: could not check %s", self.worker_id, item_id)
                continue
            # Work that ended while the check was on its way let its lease go itself.
            if not ours and not work.done():
                logger.info("worker %s: %s is no longer ours", self.worker_id, item_id)
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
