"""Run the worker's stages on a local file, in order, feeding each what the earlier ones made.

The stages are the worker's own (`pipeline.stages.registry.STAGES`); only what surrounds
them differs: their outputs are saved into a metadata row that never meets a database, and
the intermediate files go to a LocalStorage inside a scratch directory.
"""

import asyncio
import contextlib
import os
import shutil
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path

from echo_core.config import Settings
from echo_core.local_run.progress_display import ProgressDisplay
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.asr.languages import AUTO_LANGUAGE
from echo_core.pipeline.progress import ignore_progress
from echo_core.pipeline.progress_reporter import ProgressReporter
from echo_core.pipeline.stages.context import (
    StageContext,
    StageFailedError,
    StageResult,
)
from echo_core.pipeline.stages.registry import STAGES
from echo_core.pipeline.stop_signal import StopSignal, stopping_progress
from echo_core.storage.local import LocalStorage

# There is one job per run, so a fixed id; it only names the storage keys.
LOCAL_JOB_ID = "local"
# How often the display hears about progress: often enough for a smooth bar.
REFRESH_SECONDS = 0.1


@dataclass(frozen=True)
class FinishedStage:
    name: str
    detail: str
    seconds: float


@dataclass(frozen=True)
class LocalRun:
    metadata: VideoMetadata  # as the worker would have saved it
    engines: dict[str, str]
    stages: list[FinishedStage]
    storage: LocalStorage
    job_id: str


class LocalStageError(Exception):
    """A stage failed; `stage` says which, the message says why in a creator's words."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage} failed: {message}")
        self.stage = stage
        self.message = message


class _StageProgress:
    """The stage's progress and stop signal. Stages do their heavy work in threads that
    asyncio cannot cancel; after Ctrl-C the signal ends that work (at its next progress
    report, or sooner where it watches the signal) instead of letting it run on to the end
    while the command waits for it."""

    def __init__(self) -> None:
        self.latest = ProgressReporter()
        self.signal = StopSignal()
        self.report = stopping_progress(self.latest, self.signal)


async def run_stages(
    source: Path,
    settings: Settings,
    scratch: Path,
    display: ProgressDisplay,
    language: str = AUTO_LANGUAGE,
) -> LocalRun:
    storage = LocalStorage(scratch / "storage")
    work_dir = scratch / "work"
    work_dir.mkdir(parents=True)
    # As a job is created: the language asked for, or None for the transcribe stage to detect.
    metadata = VideoMetadata(
        job_id=LOCAL_JOB_ID, language=None if language == AUTO_LANGUAGE else language
    )
    engines: dict[str, str] = {}
    finished: list[FinishedStage] = []

    def context_for(progress: _StageProgress | None) -> StageContext:
        return StageContext(
            job_id=LOCAL_JOB_ID,
            video_key=source.name,  # never fetched: the source is linked in before stage one
            filename=source.name,
            settings=settings,
            storage=storage,
            work_dir=work_dir,
            metadata=metadata,
            progress=progress.report if progress else ignore_progress,
            stop=progress.signal if progress else StopSignal(),
        )

    _link_source(source, context_for(None).local_video)
    for number, stage in enumerate(STAGES, start=1):
        name = stage.name
        display.stage_started(number, len(STAGES), name)
        progress = _StageProgress()
        started = time.monotonic()
        try:
            result = await _with_progress(stage.run(context_for(progress)), progress, display)
        except StageFailedError as error:
            display.stage_failed(error.message)
            raise LocalStageError(name, error.message) from error
        except Exception as error:
            message = f"{type(error).__name__}: {error}"
            display.stage_failed(message)
            raise LocalStageError(name, message) from error
        seconds = time.monotonic() - started
        display.stage_finished(result.detail, seconds)
        if result.output is not None:
            result.output.save_to(metadata)
        engines.update(result.engines)
        finished.append(FinishedStage(name, result.detail, round(seconds, 2)))
    return LocalRun(metadata, engines, finished, storage, LOCAL_JOB_ID)


async def _with_progress(
    work: Awaitable[StageResult], progress: _StageProgress, display: ProgressDisplay
) -> StageResult:
    task = asyncio.ensure_future(work)
    fraction, detail = 0.0, None
    try:
        while True:
            done, _pending = await asyncio.wait({task}, timeout=REFRESH_SECONDS)
            report = progress.latest.take()
            if report is not None:
                fraction, detail = report
            if done:
                return task.result()
            display.update(fraction, detail)
    finally:
        if not task.done():  # stopped (Ctrl-C): end the stage's thread soon
            progress.signal.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _link_source(source: Path, local_video: Path) -> None:
    """Stages read the video from the work directory; a link spares copying a large file."""
    try:
        os.symlink(source.resolve(), local_video)
    except OSError:  # file systems or platforms without symbolic links
        shutil.copyfile(source, local_video)
