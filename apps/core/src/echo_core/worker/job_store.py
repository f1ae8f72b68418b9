"""The worker's transactions for jobs: each call is one committed unit of work."""

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.config import Settings
from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.observability.metrics_text import QueueGauges
from echo_core.operations.instance_settings_repository import InstanceSettingsRepository
from echo_core.operations.job_queue_repository import JobQueueRepository
from echo_core.operations.queue_gauges_repository import QueueGaugesRepository
from echo_core.operations.video_metadata_repository import VideoMetadataRepository
from echo_core.operations.webhook_announcements import announce_job_outcome
from echo_core.operations.worker_heartbeat_repository import WorkerHeartbeatRepository
from echo_core.pipeline.stages.context import StageOutput
from echo_core.pipeline.text.saved_choice import effective_settings
from echo_core.worker.worker_transactions import WorkerTransactions

T = TypeVar("T")
logger = logging.getLogger(__name__)

ABANDONED_MESSAGE = (
    "Processing stopped responding {attempts} times (the worker running it was lost). "
    "Try again; if it keeps happening, the video may be too large for this server."
)


class JobStore(WorkerTransactions):
    async def claim(
        self, worker_id: str, lease_seconds: float, max_attempts: int
    ) -> VideoJob | None:
        return await self._in_transaction(
            lambda session: JobQueueRepository(session).claim_next(
                worker_id, lease_seconds, max_attempts
            )
        )

    async def fail_abandoned(self, max_attempts: int) -> list[VideoJob]:
        message = ABANDONED_MESSAGE.format(attempts=max_attempts)

        async def fail(session: AsyncSession) -> list[VideoJob]:
            failed = await JobQueueRepository(session).fail_abandoned(max_attempts, message)
            for job in failed:
                await announce_job_outcome(session, job)
            return failed

        return await self._in_transaction(fail)

    async def renew(self, job_id: str, worker_id: str, lease_seconds: float) -> bool:
        return await self._in_transaction(
            lambda session: JobQueueRepository(session).renew_lease(
                job_id, worker_id, lease_seconds
            )
        )

    async def save_stages(self, job_id: str, worker_id: str, stages: list[dict[str, Any]]) -> bool:
        return await self._in_transaction_waiting_out_outages(
            lambda session: JobQueueRepository(session).save_stages(job_id, worker_id, stages)
        )

    async def load_metadata(self, job_id: str) -> VideoMetadata:
        """The job's metadata as saved so far, detached: for stages to read, not to change."""

        async def load(session: AsyncSession) -> VideoMetadata:
            metadata = await VideoMetadataRepository(session).get_by_job_id(job_id)
            return metadata if metadata is not None else VideoMetadata(job_id=job_id)

        return await self._in_transaction_waiting_out_outages(load)

    async def effective_settings(self, settings: Settings) -> Settings:
        """`settings` with the choices an admin saved in the app laid over them."""
        return await self._in_transaction_waiting_out_outages(
            lambda session: _effective_settings(session, settings)
        )

    async def save_stage_output(
        self,
        job_id: str,
        worker_id: str,
        stages: list[dict[str, Any]],
        output: StageOutput | None,
        engines: dict[str, str],
        warnings: list[str],
    ) -> bool:
        """The stage's output, its COMPLETED mark and the job's warnings land together, or
        not at all."""

        async def save(session: AsyncSession) -> bool:
            queue = JobQueueRepository(session)
            if not await queue.save_stages(job_id, worker_id, stages, warnings):
                return False
            await VideoMetadataRepository(session).apply_pipeline_output(
                job_id, output.save_to if output else None, engines
            )
            return True

        return await self._in_transaction_waiting_out_outages(save)

    async def finish(
        self,
        job_id: str,
        worker_id: str,
        status: ProcessingStatus,
        stages: list[dict[str, Any]],
        error_message: str | None,
    ) -> bool:
        async def finish(session: AsyncSession) -> bool:
            queue = JobQueueRepository(session)
            if not await queue.finish(job_id, worker_id, status, stages, error_message):
                return False
            # The webhooks' deliveries are queued with the outcome, in its transaction;
            # sending them is the webhook sender's work, later.
            job = await queue.get_with_details(job_id)
            if job is not None:
                await announce_job_outcome(session, job)
            return True

        return await self._in_transaction_waiting_out_outages(finish)

    async def release_for_retry(
        self, job_id: str, worker_id: str, stages: list[dict[str, Any]], error_message: str
    ) -> bool:
        return await self._in_transaction_waiting_out_outages(
            lambda session: JobQueueRepository(session).release_for_retry(
                job_id, worker_id, stages, error_message
            )
        )

    async def holds(self, job_id: str, worker_id: str) -> bool:
        """Whether the worker still runs the job: not canceled, deleted nor taken over."""
        return await self._in_transaction_waiting_out_outages(
            lambda session: JobQueueRepository(session).is_held_by(job_id, worker_id)
        )

    async def earlier_job_ids(self, job_id: str) -> list[str]:
        return await self._in_transaction_waiting_out_outages(
            lambda session: JobQueueRepository(session).earlier_job_ids(job_id)
        )

    async def status_of(self, job_id: str) -> ProcessingStatus | None:
        return await self._in_transaction_waiting_out_outages(
            lambda session: JobQueueRepository(session).status_of(job_id)
        )

    async def ids_held_by_live_workers(self, job_ids: Sequence[str]) -> set[str]:
        return await self._in_transaction(
            lambda session: JobQueueRepository(session).ids_held_by_live_workers(job_ids)
        )

    async def beat(self, worker_id: str, forget_before: datetime) -> None:
        """Stamp the worker's heartbeat, and drop the rows of workers long gone."""

        async def stamp(session: AsyncSession) -> None:
            heartbeats = WorkerHeartbeatRepository(session)
            await heartbeats.beat(worker_id, utcnow())
            await heartbeats.prune_older_than(forget_before)

        await self._in_transaction(stamp)

    async def forget_worker(self, worker_id: str) -> None:
        await self._in_transaction(
            lambda session: WorkerHeartbeatRepository(session).forget(worker_id)
        )

    async def queue_gauges(self, settings: Settings) -> QueueGauges:
        return await self._in_transaction(
            lambda session: QueueGaugesRepository(session).read(settings)
        )


async def _effective_settings(session: AsyncSession, settings: Settings) -> Settings:
    return effective_settings(settings, await InstanceSettingsRepository(session).get())
