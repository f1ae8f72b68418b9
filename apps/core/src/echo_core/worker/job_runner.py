"""Run one claimed job through the stages, saving each stage's output as it finishes.

Stages already COMPLETED (from an earlier attempt) are skipped, so a retry resumes where
the last attempt stopped. Every save is conditioned on this worker still holding the
lease: a worker that lost its job stops at the next save without touching anything. The
worker also sets `stop` when it sees the job canceled, deleted or taken over; the stage's
work then ends early and writes nothing more.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from echo_core.config import Settings
from echo_core.events.bus import EventBus
from echo_core.events.job_event import job_event
from echo_core.models import stage_state
from echo_core.models.processing_stage import StageStatus
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob
from echo_core.observability.metrics import engine_label, record_job_outcome, record_stage
from echo_core.pipeline.progress_reporter import ProgressReporter
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.stages.registry import STAGES, Stage
from echo_core.pipeline.stages.stage_plan import current_plan
from echo_core.pipeline.stop_signal import StageStoppedError, StopSignal, stopping_progress
from echo_core.storage.base import Storage, StorageError, StorageFullError
from echo_core.worker.ended_job_files import remove_superseded_jobs_files
from echo_core.worker.job_store import JobStore
from echo_core.worker.recording_storage import RecordingStorage
from echo_core.worker.work_folders import job_work_dir, remove_job_work_dir

logger = logging.getLogger(__name__)
PROGRESS_FLUSH_SECONDS = 1.0
STORAGE_FAILED = "The storage could not save or read a file; it may be unreachable."
STORAGE_FULL = "The storage is full, so a file could not be saved."


# Awaited with the stage's name once its output is saved and announced. Production passes
# `no_pause`; the fault tests pass a pause, to stop a worker at a stage boundary.
AfterStage = Callable[[str], Awaitable[None]]


async def no_pause(_stage: str) -> None:
    return None


class LeaseLostError(Exception):
    """Another worker owns the job now, or the creator canceled it."""


class JobRunner:
    def __init__(
        self,
        job: VideoJob,
        worker_id: str,
        settings: Settings,
        store: JobStore,
        storage: Storage,
        events: EventBus,
        stop: StopSignal,
        after_stage: AfterStage = no_pause,
    ) -> None:
        self._job = job
        self._job_id = job.id
        self._video_id = job.video_id
        self._owner_id = job.video.uploader_user_id
        self._video_key = job.video.storage_path
        self._filename = job.video.original_filename
        self._attempt = job.attempts
        self._stages: list[dict[str, Any]] = current_plan(job.processing_stages)
        self._warnings: list[str] = list(job.warnings)
        self._worker_id = worker_id
        self._settings = settings
        self._store = store
        self._storage = storage
        self._events = events
        self._stop = stop
        self._after_stage = after_stage
        self._work_dir = job_work_dir(settings, job.id)

    async def run(self) -> None:
        await self._publish(ProcessingStatus.PROCESSING)
        try:
            for stage in STAGES:
                if stage_state.is_done(self._stages, stage.name):
                    continue
                if not await self._run_stage(stage):
                    return
            await self._finish(ProcessingStatus.COMPLETED, None)
        except (LeaseLostError, StageStoppedError):
            logger.warning("lease lost: the job was canceled, deleted or taken over; stopping")
            record_job_outcome("lease_lost")

    async def _run_stage(self, stage: Stage) -> bool:
        """Run one stage; False when the job ended (failed or released for a retry)."""
        name = stage.name
        await self._save(stage_state.started(self._stages, name))
        logger.info("stage started", extra={"stage": name})
        started = time.monotonic()
        await self._publish(ProcessingStatus.PROCESSING, name)
        reporter = ProgressReporter()
        outputs = RecordingStorage(self._storage, self._ensure_still_ours)
        context = StageContext(
            job_id=self._job_id,
            video_key=self._video_key,
            filename=self._filename,
            # Read for every stage: a text engine an admin saves applies from the next one on.
            settings=await self._store.effective_settings(self._settings),
            storage=outputs,
            work_dir=self._work_dir,
            metadata=await self._store.load_metadata(self._job_id),
            progress=stopping_progress(reporter, self._stop),
            stop=self._stop,
        )
        self._work_dir.mkdir(parents=True, exist_ok=True)
        flusher = asyncio.create_task(self._flush_progress(name, reporter))
        try:
            result = await stage.run(context)
        except StageStoppedError:
            raise
        except Exception as error:
            message, permanent = self._explain(name, error)
            logger.warning(
                "stage failed",
                extra={"stage": name, "duration_seconds": _since(started), "reason": message},
            )
            await self._discard_outputs(outputs)
            await self._handle_failure(stage, message, permanent)
            return False
        finally:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
        await self._save_output(name, result)
        seconds = _since(started)
        record_stage(name, result.engines, seconds)
        logger.info(
            "stage finished",
            extra={
                "stage": name,
                "engine": engine_label(result.engines),
                "duration_seconds": seconds,
                "status": result.status.value,
            },
        )
        await self._publish(ProcessingStatus.PROCESSING, name)
        await self._after_stage(name)
        return True

    async def _flush_progress(self, name: str, reporter: ProgressReporter) -> None:
        while True:
            await asyncio.sleep(PROGRESS_FLUSH_SECONDS)
            report = reporter.take()
            if report is None:
                continue
            fraction, detail = report
            try:
                await self._save(stage_state.progressed(self._stages, name, fraction, detail))
            except LeaseLostError:
                raise
            except Exception as error:
                # Progress is a hint. Left to end this task, the error would resurface when
                # the stage finishes and throw away the stage's work with it.
                logger.warning("job %s: progress not saved: %s", self._job_id, error)
                continue
            await self._publish(ProcessingStatus.PROCESSING, name)

    async def _ensure_still_ours(self) -> None:
        """Before a stage writes a file: a job canceled, deleted or taken over gets no more."""
        self._stop.raise_if_stopped()
        if not await self._store.holds(self._job_id, self._worker_id):
            self._stop.stop()
            raise StageStoppedError

    async def _save(self, stages: list[dict[str, Any]]) -> None:
        if not await self._store.save_stages(self._job_id, self._worker_id, stages):
            raise LeaseLostError
        self._stages = stages

    async def _save_output(self, name: str, result: StageResult) -> None:
        stages = stage_state.finished(self._stages, name, result.status, result.detail)
        # A stage run again after a lost lease finds the same things: each is told once.
        warnings = self._warnings + [w for w in result.warnings if w not in self._warnings]
        saved = await self._store.save_stage_output(
            self._job_id, self._worker_id, stages, result.output, result.engines, warnings
        )
        if not saved:
            raise LeaseLostError
        self._stages = stages
        self._warnings = warnings

    def _explain(self, name: str, error: Exception) -> tuple[str, bool]:
        """What the creator reads about a failed stage, and whether a retry could help."""
        if isinstance(error, StageFailedError):
            return error.message, error.permanent
        if isinstance(error, StorageError):
            # The store's own words may name buckets and hosts: they go to the log only.
            logger.warning("job %s: stage %s: storage failed: %s", self._job_id, name, error)
            full = isinstance(error, StorageFullError)
            return (STORAGE_FULL if full else STORAGE_FAILED), False
        logger.exception("job %s: stage %s failed", self._job_id, name)
        return _describe(error), False

    async def _discard_outputs(self, outputs: RecordingStorage) -> None:
        """Remove what the failed attempt wrote, while the job is still surely ours: with
        the lease lost, another worker may be writing the same keys right now."""
        if not outputs.wrote_anything:
            return
        lease = self._settings.job_lease_seconds
        if not await self._store.renew(self._job_id, self._worker_id, lease):
            raise LeaseLostError
        await outputs.remove_written()

    async def _handle_failure(self, stage: Stage, message: str, permanent: bool) -> None:
        stages = stage_state.finished(self._stages, stage.name, StageStatus.FAILED, message)
        if permanent or self._attempt >= self._settings.job_max_attempts:
            attempts = "" if permanent else f" after {self._attempt} attempts"
            await self._finish(
                ProcessingStatus.FAILED, f"{stage.label} failed{attempts}: {message}", stages
            )
            return
        retry_note = (
            f"{stage.label} failed on attempt {self._attempt} of "
            f"{self._settings.job_max_attempts}: {message} Retrying."
        )
        if not await self._store.release_for_retry(
            self._job_id, self._worker_id, stages, retry_note
        ):
            raise LeaseLostError
        self._stages = stages
        logger.warning("job released for a retry", extra={"reason": retry_note})
        record_job_outcome("retried")
        await self._publish(ProcessingStatus.PENDING, stage.name)

    async def _finish(
        self,
        status: ProcessingStatus,
        error_message: str | None,
        stages: list[dict[str, Any]] | None = None,
    ) -> None:
        final_stages = stages if stages is not None else self._stages
        if not await self._store.finish(
            self._job_id, self._worker_id, status, final_stages, error_message
        ):
            raise LeaseLostError
        self._stages = final_stages
        if status == ProcessingStatus.COMPLETED:
            logger.info("job completed")
            record_job_outcome("completed")
        else:
            logger.warning("job failed", extra={"reason": error_message})
            record_job_outcome("failed")
        remove_job_work_dir(self._settings, self._job_id)
        if status == ProcessingStatus.COMPLETED:
            earlier = await self._store.earlier_job_ids(self._job_id)
            await remove_superseded_jobs_files(self._storage, earlier)
        await self._publish(status)

    async def _publish(self, status: ProcessingStatus, stage_name: str | None = None) -> None:
        stage = next((s for s in self._stages if s["name"] == stage_name), None)
        await self._events.publish(job_event(self._job, self._owner_id, status, stage))


def _since(started: float) -> float:
    return round(time.monotonic() - started, 3)


def _describe(error: Exception) -> str:
    """A short sentence for an unexpected error: its kind and message, never a traceback."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    kind = type(error).__name__
    return f"Unexpected {kind}: {text[:300]}" if text else f"Unexpected {kind}."
