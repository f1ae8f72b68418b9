"""Speech recognition with faster-whisper (Whisper on CTranslate2).

Recognition runs in a child process (child_process.py): CTranslate2 decodes in C++ that no
thread can interrupt, and a cancelled job must stop within a second or two. The child
loads the model from disk; a model that must be downloaded first is fetched before
(select.py), so the child never touches the network.
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from echo_core.pipeline.asr.child_process import ChildFailedError, run_in_child
from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.whisper_models import WhisperHardware
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.pipeline.transcript import Segment, Transcript, Word


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


class FasterWhisperEngine:
    def __init__(
        self,
        model: str,
        model_dir: Path,
        hardware: WhisperHardware,
        threads: int = 0,
        language: str | None = None,
    ) -> None:
        """`model` names the model (for the UI), `model_dir` holds it; `language` is an ISO
        639-1 code, or None to let Whisper detect it. `threads` 0: one per CPU core."""
        self._model = model
        self._model_dir = model_dir
        self._hardware = hardware
        self._threads = threads or os.cpu_count() or 1
        self._language = language

    @property
    def name(self) -> str:
        return f"faster-whisper:{Path(self._model).name}"

    def transcribe(
        self, audio_path: Path, progress: ProgressCallback, stop: StopSignal | None = None
    ) -> Transcript:
        arguments = (
            str(self._model_dir),
            self._hardware,
            self._threads,
            str(audio_path),
            self._language,
        )
        try:
            transcript: Transcript = run_in_child(
                transcribe_here, arguments, progress, stop or StopSignal()
            )
        except ChildFailedError as error:
            raise TranscriptionError(str(error)) from error
        return transcript


def transcribe_here(
    model_dir: str,
    hardware: WhisperHardware,
    threads: int,
    audio_path: str,
    language: str | None,
    progress: ProgressCallback,
) -> Transcript:
    """Runs in the child process: load the model and transcribe, a report per segment."""
    from faster_whisper import WhisperModel

    progress(0.0, "Loading the speech model")
    try:
        model = WhisperModel(
            model_dir,
            device=hardware.device,
            compute_type=hardware.compute_type,
            cpu_threads=threads,
        )
    except Exception as error:  # damaged or incomplete files, a GPU without its libraries
        raise TranscriptionError(f"the Whisper model could not be loaded: {error}") from error
    # The VAD filter skips music and silence, where Whisper otherwise invents text.
    raw_segments, info = model.transcribe(
        audio_path, language=language, word_timestamps=True, vad_filter=True
    )
    segments: list[Segment] = []
    words = 0
    for raw in raw_segments:  # a generator: recognition happens as it is read
        segments.append(to_segment(raw))
        words += len(segments[-1].words)
        fraction = min(raw.end / info.duration, 1.0) if info.duration else 0.0
        progress(fraction, f"{words} words")
    progress(1.0, f"{words} words")
    return Transcript(language=info.language, segments=tuple(segments))


def to_segment(raw: WhisperSegment) -> Segment:
    words = tuple(
        Word(word.word.strip(), float(word.start), float(word.end))
        for word in raw.words or []
        if word.word.strip()
    )
    return Segment(float(raw.start), float(raw.end), raw.text.strip(), words)
