"""What a stage is given, and what it hands back to be saved."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from echo_core.config import Settings
from echo_core.models.processing_stage import StageStatus
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.storage.base import Storage


@dataclass(frozen=True)
class StageContext:
    job_id: str
    video_key: str
    filename: str
    settings: Settings
    storage: Storage
    work_dir: Path
    # The job's metadata as saved so far (read only): earlier stages' outputs are the inputs.
    metadata: VideoMetadata
    progress: ProgressCallback
    # Set when the stage's work is no longer wanted; long work watches it.
    stop: StopSignal = field(default_factory=StopSignal)

    @property
    def local_video(self) -> Path:
        return self.work_dir / "source"

    @property
    def local_audio(self) -> Path:
        return self.work_dir / "audio.wav"

    async def ensure_local_video(self) -> Path:
        """PyAV wants a file path; fetch the stored original once per job and machine."""
        if not self.local_video.exists():
            await self.storage.download_to(self.video_key, self.local_video)
        return self.local_video


class StageOutput(Protocol):
    """What a stage made, typed; it writes itself into the job's metadata. Files are saved
    by their storage keys or indices, never by URLs: the API builds those."""

    def save_to(self, metadata: VideoMetadata) -> None: ...


@dataclass(frozen=True)
class StageResult:
    detail: str
    output: StageOutput | None = None
    engines: dict[str, str] = field(default_factory=dict)
    status: StageStatus = StageStatus.COMPLETED
    # What the creator should know about the result, such as damage that was skipped.
    warnings: list[str] = field(default_factory=list)


class StageFailedError(Exception):
    """A stage failed in a way a creator should read; `permanent` skips further retries."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
