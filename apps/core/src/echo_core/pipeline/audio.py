"""Extract a video's sound as the WAV every speech engine reads: 16 kHz, mono, 16-bit PCM."""

import os
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av

from echo_core.media.decoding import open_media
from echo_core.media.limits import MediaLimits
from echo_core.media.probe import media_duration_seconds
from echo_core.pipeline.progress import ProgressCallback

SAMPLE_RATE = 16000
SAMPLE_WIDTH_BYTES = 2
# Silence is written a second at a time: a long hole never needs one large buffer.
_SILENCE_CHUNK = bytes(SAMPLE_RATE * SAMPLE_WIDTH_BYTES)
# Progress goes to the database and the UI; a report per decoded frame would flood both.
_PROGRESS_STEP = 0.01
# Timestamps jitter by a few milliseconds; only a real hole in the audio is filled.
_GAP_TOLERANCE_SECONDS = 0.05
# Damaged packets this close together are told as one stretch of damage.
_DAMAGE_JOIN_SECONDS = 1.0


class AudioExtractionError(Exception):
    """The audio could not be decoded; the message is shown to the creator."""


@dataclass(frozen=True)
class AudioInfo:
    has_audio: bool
    duration_seconds: float
    # Where packets could not be decoded (start, end in seconds): silence in the WAV.
    damaged_spans: tuple[tuple[float, float], ...] = ()


def extract_audio(
    video_path: Path, wav_path: Path, limits: MediaLimits, progress: ProgressCallback
) -> AudioInfo:
    """Decode the first audio stream into `wav_path`, streaming, a chunk at a time.

    A video without sound returns `has_audio=False` and writes no file. The WAV starts
    at the video's time zero, so word times found in it are times in the video, and it
    ends by the video's probed end (see `MediaLimits.longest_audio_seconds`) whatever
    the audio's timestamps say, so it takes at most 32 kB per second of video.
    """
    try:
        container = open_media(video_path, limits.max_video_pixels)
    except av.FFmpegError as error:
        raise AudioExtractionError("The video cannot be opened to read its sound.") from error
    with container:
        if not container.streams.audio:
            return AudioInfo(has_audio=False, duration_seconds=0.0)
        stream = container.streams.audio[0]
        # Written beside the target and renamed at the end, so a crash mid-way never
        # leaves a truncated WAV that a retried job would take for finished work.
        partial_path = wav_path.with_name(wav_path.name + ".partial")
        damage = _Damage()
        try:
            samples = _decode_to_wav(container, stream, partial_path, limits, progress, damage)
            if damage.spans and samples == 0:
                raise AudioExtractionError("The video's sound is damaged and cannot be decoded.")
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
    return AudioInfo(
        has_audio=True,
        duration_seconds=samples / SAMPLE_RATE,
        damaged_spans=tuple(damage.spans),
    )


class _Damage:
    """The stretches of packets the decoder refused, those close together joined as one."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []

    def note(self, start: float, end: float) -> None:
        if self.spans and start - self.spans[-1][1] <= _DAMAGE_JOIN_SECONDS:
            self.spans[-1] = (self.spans[-1][0], max(end, self.spans[-1][1]))
        else:
            self.spans.append((start, end))


class _CappedWav:
    """A WAV being written that takes no more than `max_samples` samples."""

    def __init__(self, wav: wave.Wave_write, max_samples: int) -> None:
        self._wav = wav
        self._max_samples = max_samples
        self.written = 0

    @property
    def full(self) -> bool:
        return self.written >= self._max_samples

    def silence(self, samples: int) -> None:
        remaining = min(samples, self._max_samples - self.written) * SAMPLE_WIDTH_BYTES
        while remaining > 0:
            chunk = _SILENCE_CHUNK[:remaining]
            self._wav.writeframesraw(chunk)
            remaining -= len(chunk)
            self.written += len(chunk) // SAMPLE_WIDTH_BYTES

    def sound(self, frames: list[av.AudioFrame]) -> None:
        for frame in frames:
            # Packed mono s16: one row of samples.
            samples = frame.to_ndarray()[0, : self._max_samples - self.written]
            self._wav.writeframesraw(samples.tobytes())
            self.written += len(samples)


def _pieces(frame: av.AudioFrame) -> Iterator[av.AudioFrame]:
    """The frame a second of its own samples at a time, so each piece resamples into at
    most a second at 16 kHz: a stream that claims 8 samples a second would otherwise turn
    one frame of 200 KB into 400 MB at once. Ordinary frames are a few milliseconds."""
    piece_samples = max(1, frame.sample_rate)
    if frame.samples <= piece_samples:
        yield frame
        return
    fifo = av.AudioFifo()
    # The FIFO expects timestamps that follow on from the last frame's; pieces need none.
    frame.pts = None
    fifo.write(frame)
    while (piece := fifo.read(piece_samples, partial=True)) is not None:
        yield piece


def _decode_to_wav(
    container: av.container.InputContainer,
    stream: av.AudioStream,
    wav_path: Path,
    limits: MediaLimits,
    progress: ProgressCallback,
    damage: _Damage,
) -> int:
    """Write the stream's audio to `wav_path`; return how many samples were written.

    A packet the decoder refuses (bytes damaged in the middle of the file) is noted in
    `damage` and skipped: its time becomes silence, and the rest is still heard.
    """
    total_seconds = media_duration_seconds(container)
    max_samples = int(limits.longest_audio_seconds(total_seconds) * SAMPLE_RATE)
    origin_seconds = (container.start_time or 0) / av.time_base
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    reported = 0.0
    with wave.open(str(wav_path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH_BYTES)
        wav.setframerate(SAMPLE_RATE)
        capped = _CappedWav(wav, max_samples)
        for frame in _decodable_frames(container, stream, origin_seconds, damage):
            if frame.pts is not None and frame.time_base is not None:
                # Audio that starts late, or has holes, gets silence in its place:
                # otherwise every later word would be placed too early in the video.
                frame_start = float(frame.pts * frame.time_base) - origin_seconds
                missing = round((frame_start - capped.written / SAMPLE_RATE) * SAMPLE_RATE)
                if missing > _GAP_TOLERANCE_SECONDS * SAMPLE_RATE:
                    capped.silence(missing)
            for piece in _pieces(frame):
                if capped.full:
                    break
                capped.sound(resampler.resample(piece))
            if capped.full:
                break
            if total_seconds > 0:
                fraction = min(capped.written / SAMPLE_RATE / total_seconds, 1.0)
                if fraction - reported >= _PROGRESS_STEP:
                    reported = fraction
                    progress(fraction, None)
        capped.sound(resampler.resample(None))
    return capped.written


def _decodable_frames(
    container: av.container.InputContainer,
    stream: av.AudioStream,
    origin_seconds: float,
    damage: _Damage,
) -> Iterator[av.AudioFrame]:
    for packet in container.demux(stream):
        try:
            frames = packet.decode()
        except av.FFmpegError as error:
            # Decoders name damage in many ways (invalid data, EPERM, EINVAL...); running
            # out of memory is not damage.
            if isinstance(error, MemoryError):
                raise
            if packet.pts is not None and packet.time_base is not None:
                start = float(packet.pts * packet.time_base) - origin_seconds
                damage.note(start, start + float((packet.duration or 0) * packet.time_base))
            continue
        yield from frames
