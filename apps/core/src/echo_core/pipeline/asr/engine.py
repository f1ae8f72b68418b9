"""What every speech recognition engine offers the pipeline."""

from pathlib import Path
from typing import Protocol

from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.pipeline.transcript import Transcript


class TranscriptionError(Exception):
    """The engine could not transcribe; the message is shown to the creator."""


class SpeechEngine(Protocol):
    @property
    def name(self) -> str:
        """Shown in the UI and recorded on the job, e.g. "pocketsphinx"."""
        ...

    def transcribe(
        self, audio_path: Path, progress: ProgressCallback, stop: StopSignal | None = None
    ) -> Transcript:
        """Transcribe a 16 kHz mono 16-bit PCM WAV file.

        Blocking and CPU-bound: the pipeline calls it off the event loop. Once `stop` is
        set it raises StageStoppedError soon, leaving no process of its own running.
        """
        ...
