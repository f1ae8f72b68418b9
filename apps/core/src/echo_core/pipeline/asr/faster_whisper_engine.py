"""Speech recognition with faster-whisper (Whisper on CTranslate2), an optional extra.

The package is imported only when it is used, so Echo installs and runs without it.
"""

import functools
import importlib
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.pipeline.transcript import Segment, Transcript, Word

# Run in a child process so a slow download can be stopped at the deadline, which a thread
# cannot be. An interrupted download leaves partial files that the next attempt resumes.
_FETCH_SCRIPT = "import sys; from faster_whisper import download_model; download_model(sys.argv[1])"


class WhisperWord(Protocol):
    word: str
    start: float
    end: float


class WhisperSegment(Protocol):
    start: float
    end: float
    text: str

    @property
    def words(self) -> Sequence[WhisperWord] | None: ...


def import_faster_whisper() -> ModuleType:
    try:
        return importlib.import_module("faster_whisper")
    except ImportError as error:
        raise TranscriptionError(
            "faster-whisper is not installed. Install Echo with its faster-whisper extra "
            "(uv sync --extra faster-whisper) or choose another ECHO_ASR_ENGINE."
        ) from error


def faster_whisper_problem(model: str, download_timeout_seconds: float) -> str | None:
    """Why faster-whisper cannot transcribe right now, or None when it can.

    It can when the package imports and the model is a local directory, is already in the
    Hugging Face cache, or can be downloaded within the timeout.
    """
    try:
        faster_whisper = import_faster_whisper()
    except TranscriptionError:
        return "faster-whisper is not installed"
    if Path(model).is_dir() or _is_cached(faster_whisper, model):
        return None
    return _fetch(model, download_timeout_seconds)


def _is_cached(faster_whisper: ModuleType, model: str) -> bool:
    try:
        faster_whisper.download_model(model, local_files_only=True)
    except Exception:  # whatever the reason (unknown name, not cached), it is not on disk
        return False
    return True


def _fetch(model: str, timeout_seconds: float) -> str | None:
    # The hub's own timeouts bound each request; the process deadline bounds the whole.
    environment = {
        **os.environ,
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HF_HUB_ETAG_TIMEOUT": str(timeout_seconds),
        "HF_HUB_DOWNLOAD_TIMEOUT": str(timeout_seconds),
    }
    try:
        completed = subprocess.run(
            [sys.executable, "-c", _FETCH_SCRIPT, model],
            capture_output=True,
            text=True,
            timeout=timeout_seconds,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return (
            f"the faster-whisper model {model!r} could not be downloaded in {timeout_seconds:g} s"
        )
    if completed.returncode != 0:
        last_line = (completed.stderr.strip().splitlines() or ["unknown error"])[-1]
        return f"the faster-whisper model {model!r} could not be downloaded ({last_line})"
    return None


@functools.lru_cache(maxsize=2)
def _load_model(model: str, threads: int) -> Any:
    """Loading takes seconds to a minute, so a loaded model serves every later job."""
    whisper_model = import_faster_whisper().WhisperModel
    try:
        return whisper_model(model, device="cpu", compute_type="int8", cpu_threads=threads)
    except Exception as error:  # unknown name, no network for the download, damaged files
        raise TranscriptionError(
            f"The faster-whisper model {model!r} could not be loaded: {error}"
        ) from error


class FasterWhisperEngine:
    def __init__(self, model: str, threads: int = 0) -> None:
        """`model` is a model name ("base", "large-v3") or a model directory."""
        self._model = model
        self._threads = threads or os.cpu_count() or 1

    @property
    def name(self) -> str:
        return f"faster-whisper:{Path(self._model).name}"

    def transcribe(
        self, audio_path: Path, progress: ProgressCallback, stop: StopSignal | None = None
    ) -> Transcript:
        model = _load_model(self._model, self._threads)
        # The VAD filter skips music and silence, where Whisper otherwise invents text.
        raw_segments, info = model.transcribe(
            str(audio_path), word_timestamps=True, vad_filter=True
        )
        segments = []
        stop = stop or StopSignal()
        for raw in raw_segments:  # a generator: recognition happens as it is read
            stop.raise_if_stopped()
            segments.append(to_segment(raw))
            if info.duration:
                progress(min(raw.end / info.duration, 1.0), f"{len(segments)} segments")
        return Transcript(language=info.language, segments=tuple(segments))


def to_segment(raw: WhisperSegment) -> Segment:
    words = tuple(
        Word(word.word.strip(), float(word.start), float(word.end))
        for word in raw.words or []
        if word.word.strip()
    )
    return Segment(float(raw.start), float(raw.end), raw.text.strip(), words)
