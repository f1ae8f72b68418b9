"""Speech recognition alone: the pipeline's recognizer run directly on an extracted WAV."""

import time
import wave
from dataclasses import dataclass
from pathlib import Path

from cpu_time import cpu_seconds

from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.progress import ignore_progress

WARMUP_SECONDS = 20


@dataclass(frozen=True)
class Recognition:
    seconds: float
    cpu_seconds: float
    words: int


def recognize(wav: Path, threads: int) -> Recognition:
    started, started_cpu = time.perf_counter(), cpu_seconds()
    transcript = PocketsphinxEngine(threads=threads).transcribe(wav, ignore_progress)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - started_cpu
    return Recognition(seconds, cpu, sum(len(segment.words) for segment in transcript.segments))


def warm_up(wav: Path, work: Path) -> None:
    """Recognize the first seconds once, untimed, so the model files are in the page cache
    before the first measured case (which would otherwise pay for reading them alone)."""
    head = work / "head.wav"
    with wave.open(str(wav), "rb") as source, wave.open(str(head), "wb") as target:
        target.setparams(source.getparams())
        target.writeframes(source.readframes(WARMUP_SECONDS * source.getframerate()))
    PocketsphinxEngine(threads=2).transcribe(head, ignore_progress)
