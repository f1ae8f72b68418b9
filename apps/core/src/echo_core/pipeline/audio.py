"""Extract a video's sound as the WAV every speech engine reads: 16 kHz, mono, 16-bit PCM."""

import os
import wave
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from echo_core.pipeline.progress import ProgressCallback

SAMPLE_RATE = 16000
SAMPLE_WIDTH_BYTES = 2
# Progress goes to the database and the UI; a report per decoded frame would flood both.
_PROGRESS_STEP = 0.01
# Timestamps jitter by a few milliseconds; only a real hole in the audio is filled.
_GAP_TOLERANCE_SECONDS = 0.05


class AudioExtractionError(Exception):
    """The audio could not be decoded; the message is shown to the creator."""


@dataclass(frozen=True)
class AudioInfo:
    has_audio: bool
    duration_seconds: float


def extract_audio(video_path: Path, wav_path: Path, progress: ProgressCallback) -> AudioInfo:
    """Decode the first audio stream into `wav_path`, streaming, a chunk at a time.

    A video without sound returns `has_audio=False` and writes no file. The WAV starts
    at the video's time zero, so word times found in it are times in the video.
    """
    try:
        container = av.open(str(video_path), mode="r")
    except av.FFmpegError as error:
        raise AudioExtractionError("The video cannot be opened to read its sound.") from error
    with container:
        if not container.streams.audio:
            return AudioInfo(has_audio=False, duration_seconds=0.0)
        stream = container.streams.audio[0]
        # Written beside the target and renamed at the end, so a crash mid-way never
        # leaves a truncated WAV that a retried job would take for finished work.
        partial_path = wav_path.with_name(wav_path.name + ".partial")
        try:
            samples = _decode_to_wav(container, stream, partial_path, progress)
        except av.FFmpegError as error:
            partial_path.unlink(missing_ok=True)
            raise AudioExtractionError(
                "The video's sound is damaged and cannot be decoded."
            ) from error
        except BaseException:
            partial_path.unlink(missing_ok=True)
            raise
    os.replace(partial_path, wav_path)
    progress(1.0, None)
    return AudioInfo(has_audio=True, duration_seconds=samples / SAMPLE_RATE)


def _decode_to_wav(
    container: av.container.InputContainer,
    stream: av.AudioStream,
    wav_path: Path,
    progress: ProgressCallback,
) -> int:
    """Write the stream's audio to `wav_path`; return how many samples were written."""
    total_seconds = _container_seconds(container, stream)
    origin_seconds = (container.start_time or 0) / av.time_base
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    written = 0
    reported = 0.0
    with wave.open(str(wav_path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH_BYTES)
        wav.setframerate(SAMPLE_RATE)
        for frame in container.decode(stream):
            if frame.pts is not None and frame.time_base is not None:
                # Audio that starts late, or has holes, gets silence in its place:
                # otherwise every later word would be placed too early in the video.
                frame_start = float(frame.pts * frame.time_base) - origin_seconds
                missing = round((frame_start - written / SAMPLE_RATE) * SAMPLE_RATE)
                if missing > _GAP_TOLERANCE_SECONDS * SAMPLE_RATE:
                    wav.writeframesraw(bytes(missing * SAMPLE_WIDTH_BYTES))
                    written += missing
            written += _write_frames(wav, resampler.resample(frame))
            if total_seconds > 0:
                fraction = min(written / SAMPLE_RATE / total_seconds, 1.0)
                if fraction - reported >= _PROGRESS_STEP:
                    reported = fraction
                    progress(fraction, None)
        written += _write_frames(wav, resampler.resample(None))
    return written


def _write_frames(wav: wave.Wave_write, frames: list[av.AudioFrame]) -> int:
    count = 0
    for frame in frames:
        wav.writeframesraw(frame.to_ndarray().tobytes())
        count += frame.samples
    return count


def _container_seconds(container: av.container.InputContainer, stream: av.AudioStream) -> float:
    if container.duration is not None and container.duration > 0:
        return float(Fraction(container.duration, av.time_base))
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    return 0.0
