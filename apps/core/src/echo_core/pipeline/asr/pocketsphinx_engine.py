"""Offline English speech recognition with the model that ships inside the pocketsphinx wheel.

One pass over the WAV finds where people speak (pocketsphinx's voice activity detector)
and how loud every moment is. Each stretch of speech becomes an utterance; one longer
than `_MAX_UTTERANCE_SECONDS` is cut again at its quietest moment. Utterances are decoded
in parallel worker processes: a Decoder is not thread-safe and holds the GIL, so threads
would neither be safe nor faster, and would starve the worker's event loop. Workers read
their own slice of the WAV, so the audio is never all in memory nor sent between processes.
Stretches with no speech are never decoded: the model "hears" words in digital silence
and in mains hum.
"""

import contextlib
import functools
import multiprocessing
import os
import re
import signal
import wave
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pocketsphinx

from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Segment, Transcript, Word
from echo_core.process_death import die_with_parent

SAMPLE_RATE = 16000
# Long enough that a cut rarely falls mid-sentence, short enough that many cores share
# even a short video.
_MAX_UTTERANCE_SECONDS = 25.0
_MIN_UTTERANCE_SECONDS = 10.0
# Soft onsets and endings fall just outside what the detector calls speech.
_UTTERANCE_PADDING_SECONDS = 0.2
# Long enough to average over a syllable, so a cut lands in a pause, not between sounds.
_QUIET_WINDOW_SECONDS = 0.3
# A segment is about a sentence: what a subtitle or a chapter boundary can use.
_MAX_SEGMENT_SECONDS = 8.0
_MIN_SEGMENT_SECONDS = 2.0
_READ_BLOCK_FRAMES = 1000
_PROGRESS_STEP = 0.01
# How often the decode looks at its stop signal while utterances are being decoded.
_STOP_CHECK_SECONDS = 0.1
# "<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]": silences and noises, not words.
_FILLER_PREFIXES = ("<", "[")
# The dictionary names a word's alternate pronunciations "read(2)".
_PRONUNCIATION_SUFFIX = re.compile(r"\(\d+\)$")


class Span(NamedTuple):
    """Samples [start, end) of the WAV, decoded as one utterance."""

    start: int
    end: int


class PocketsphinxEngine:
    def __init__(self, threads: int = 0) -> None:
        """`threads` worker processes (0: one per CPU core); each loads its own model."""
        self._workers = threads or os.cpu_count() or 1

    @property
    def name(self) -> str:
        return "pocketsphinx"

    def transcribe(
        self, audio_path: Path, progress: ProgressCallback, stop: StopSignal | None = None
    ) -> Transcript:
        stop = stop or StopSignal()
        spans = utterance_spans(audio_path, stop)
        if not spans:
            progress(1.0, "no speech")
            return EMPTY_TRANSCRIPT
        words_by_span = self._decode_in_parallel(audio_path, spans, progress, stop)
        segments = [
            _segment(sentence)
            for span in spans
            if words_by_span[span]
            for sentence in _sentences(words_by_span[span])
        ]
        if not segments:
            return EMPTY_TRANSCRIPT
        return Transcript(language="en", segments=tuple(segments))

    def _decode_in_parallel(
        self, audio_path: Path, spans: list[Span], progress: ProgressCallback, stop: StopSignal
    ) -> dict[Span, list[Word]]:
        total_samples = sum(span.end - span.start for span in spans)
        done_samples = word_count = 0
        reported = 0.0
        words_by_span: dict[Span, list[Word]] = {}
        # Spawned, not forked: the pipeline runs this from a thread of an async worker,
        # and forking a process that has threads can deadlock the child.
        pool = ProcessPoolExecutor(
            max_workers=min(self._workers, len(spans)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_prepare_decoder_process,
            initargs=(os.getpid(),),
        )
        try:
            # The pool starts its processes as work is submitted, from this thread (which
            # outlives them, as their death signal requires); they inherit the mask.
            with _interrupts_blocked():
                futures: dict[Future[list[Word]], Span] = {
                    pool.submit(_decode_span, audio_path, span): span for span in spans
                }
            pending = set(futures)
            while pending:
                stop.raise_if_stopped()
                finished, pending = wait(pending, _STOP_CHECK_SECONDS, FIRST_COMPLETED)
                for future in finished:
                    span = futures[future]
                    words_by_span[span] = future.result()
                    done_samples += span.end - span.start
                    word_count += len(words_by_span[span])
                fraction = done_samples / total_samples
                if finished and (fraction - reported >= _PROGRESS_STEP or fraction == 1.0):
                    reported = fraction
                    progress(fraction, f"{word_count} words")
        except BrokenProcessPool as error:
            raise TranscriptionError(
                "The speech recognizer stopped unexpectedly; the machine may be out of memory."
            ) from error
        except BaseException:
            # Stopped early (told to stop, or a decode failed): the utterances already
            # handed to processes are of no use.
            _terminate_processes(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return words_by_span


@contextlib.contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """Processes started in here begin with SIGINT held back, until they are ready for it.

    A Ctrl-C in a terminal reaches every process in the group; one that arrived while a
    decoder process was still importing would print a KeyboardInterrupt traceback per process.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _prepare_decoder_process(parent_pid: int) -> None:
    """In each decoder process: it dies with the worker, even one killed with SIGKILL; a
    Ctrl-C ends it at once and silently (the system's default action), including one held
    back while it started; the parent reports the interruption."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _terminate_processes(pool: ProcessPoolExecutor) -> None:
    # The executor has no public way to do this before Python 3.14 (`terminate_workers`,
    # which walks the same `_processes`).
    for process in list(pool._processes.values()):
        process.terminate()


def utterance_spans(audio_path: Path, stop: StopSignal | None = None) -> list[Span]:
    """Where the WAV holds speech, as utterances no longer than `_MAX_UTTERANCE_SECONDS`."""
    regions, loudness, total_samples, frame_samples = _scan(audio_path, stop or StopSignal())
    if not regions:
        return []
    # Averaged over a window, a pause scores lower than the gap between two sounds.
    window = max(1, round(_QUIET_WINDOW_SECONDS * SAMPLE_RATE / frame_samples))
    quietness = np.convolve(loudness, np.ones(window) / window, mode="same")
    padding = round(_UTTERANCE_PADDING_SECONDS * SAMPLE_RATE)
    spans: list[Span] = []
    for index, (start, end) in enumerate(regions):
        # Padding never reaches past the middle of the pause to a neighbour, so no
        # sound is decoded twice.
        floor = (regions[index - 1][1] + start) // 2 if index else 0
        ceiling = (end + regions[index + 1][0]) // 2 if index + 1 < len(regions) else total_samples
        padded = Span(max(start - padding, floor), min(end + padding, ceiling))
        spans.extend(_cut_at_quiet_moments(padded, quietness, frame_samples))
    return spans


def _scan(
    audio_path: Path, stop: StopSignal
) -> tuple[list[tuple[int, int]], npt.NDArray[np.float32], int, int]:
    """Speech regions (in samples), loudness per detector frame, length, frame size.

    A pass over hours of audio takes a while, so it looks at `stop` every block."""
    endpointer = pocketsphinx.Endpointer(sample_rate=SAMPLE_RATE)
    frame_bytes = int(endpointer.frame_bytes)
    frame_samples = frame_bytes // 2
    regions: list[tuple[int, int]] = []
    loudness: list[npt.NDArray[np.float32]] = []
    with _open_speech_wav(audio_path) as wav:
        total_samples = wav.getnframes()
        block = wav.readframes(_READ_BLOCK_FRAMES * frame_samples)
        while block:
            stop.raise_if_stopped()
            following = wav.readframes(_READ_BLOCK_FRAMES * frame_samples)
            loudness.append(_frame_loudness(block, frame_samples))
            for offset in range(0, len(block), frame_bytes):
                frame = block[offset : offset + frame_bytes]
                # The detector only reports speech running to the end when told it ended.
                is_last = not following and offset + frame_bytes >= len(block)
                speech = endpointer.end_stream(frame) if is_last else endpointer.process(frame)
                if speech is not None and not endpointer.in_speech:
                    regions.append(
                        (
                            round(float(endpointer.speech_start) * SAMPLE_RATE),
                            min(round(float(endpointer.speech_end) * SAMPLE_RATE), total_samples),
                        )
                    )
            block = following
    all_loudness = np.concatenate(loudness) if loudness else np.zeros(0, dtype=np.float32)
    return regions, all_loudness, total_samples, frame_samples


def _open_speech_wav(audio_path: Path) -> wave.Wave_read:
    """Open the WAV, refusing anything but the 16 kHz mono 16-bit PCM the model expects."""
    try:
        wav = wave.open(str(audio_path), "rb")  # noqa: SIM115 (the caller closes it)
    except (OSError, EOFError, wave.Error) as error:
        raise TranscriptionError("The extracted audio cannot be read.") from error
    if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (SAMPLE_RATE, 1, 2):
        wav.close()
        raise TranscriptionError("The extracted audio is not 16 kHz mono 16-bit PCM.")
    return wav


def _frame_loudness(block: bytes, frame_samples: int) -> npt.NDArray[np.float32]:
    """Mean power of each frame (the last one zero-padded)."""
    samples = np.frombuffer(block, dtype=np.int16).astype(np.float32)
    samples = np.pad(samples, (0, -len(samples) % frame_samples))
    power: npt.NDArray[np.float32] = np.mean(samples.reshape(-1, frame_samples) ** 2, axis=1)
    return power


def _cut_at_quiet_moments(
    span: Span, quietness: npt.NDArray[np.float64], frame_samples: int
) -> list[Span]:
    """Cut a long span where it is quietest, so every piece is at most the maximum length."""
    longest = round(_MAX_UTTERANCE_SECONDS * SAMPLE_RATE)
    shortest = round(_MIN_UTTERANCE_SECONDS * SAMPLE_RATE)
    pieces: list[Span] = []
    start = span.start
    while span.end - start > longest:
        first = (start + shortest) // frame_samples
        last = (start + longest) // frame_samples
        cut = (first + int(np.argmin(quietness[first:last]))) * frame_samples
        pieces.append(Span(start, cut))
        start = cut
    pieces.append(Span(start, span.end))
    return pieces


@functools.cache
def _decoder() -> Any:
    """The worker process's recognizer, loaded on its first utterance and then reused."""
    return pocketsphinx.Decoder(loglevel="FATAL")


def _decode_span(audio_path: Path, span: Span) -> list[Word]:
    """Runs in a worker process: recognize one utterance; times are seconds in the file."""
    with wave.open(str(audio_path), "rb") as wav:
        wav.setpos(span.start)
        pcm = wav.readframes(span.end - span.start)
    decoder = _decoder()
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    frames_per_second = float(decoder.config["frate"])
    offset = span.start / SAMPLE_RATE
    words: list[Word] = []
    for entry in decoder.seg():
        word = str(entry.word)
        if word.startswith(_FILLER_PREFIXES):
            continue
        words.append(
            Word(
                word=_PRONUNCIATION_SUFFIX.sub("", word),
                start=round(offset + int(entry.start_frame) / frames_per_second, 3),
                end=round(offset + (int(entry.end_frame) + 1) / frames_per_second, 3),
                # The word's posterior probability in the lattice (log arithmetic can
                # put it a hair above 1).
                confidence=round(min(max(float(entry.prob), 0.0), 1.0), 3),
            )
        )
    return words


def _sentences(words: Sequence[Word]) -> list[Sequence[Word]]:
    """Split an utterance at its longest pauses until each part reads as about a sentence."""
    if len(words) < 2 or words[-1].end - words[0].start <= _MAX_SEGMENT_SECONDS:
        return [words]

    def preference(index: int) -> tuple[bool, float]:
        # A pause that leaves a sentence-sized part on both sides first, then the longest.
        balanced = (
            words[index - 1].end - words[0].start >= _MIN_SEGMENT_SECONDS
            and words[-1].end - words[index].start >= _MIN_SEGMENT_SECONDS
        )
        return balanced, words[index].start - words[index - 1].end

    cut = max(range(1, len(words)), key=preference)
    return _sentences(words[:cut]) + _sentences(words[cut:])


def _segment(words: Sequence[Word]) -> Segment:
    return Segment(
        start=words[0].start,
        end=words[-1].end,
        text=" ".join(word.word for word in words),
        words=tuple(words),
    )
