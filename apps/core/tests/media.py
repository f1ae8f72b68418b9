"""Small real videos made on the spot with PyAV: a moving picture and a tone."""

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from echo_core.config import Settings
from echo_core.media.limits import MediaLimits

# What a server takes by default (ECHO_MAX_DURATION_SECONDS, ECHO_MAX_VIDEO_PIXELS).
DEFAULT_LIMITS = MediaLimits.from_settings(Settings())


def make_video(
    path: Path,
    seconds: float = 2.0,
    width: int = 320,
    height: int = 240,
    fps: int = 25,
    with_audio: bool = True,
    container_format: str | None = None,
    sample_aspect: Fraction | None = None,
) -> Path:
    """Write a video whose picture changes every frame, with an optional 440 Hz tone.

    `sample_aspect` makes it anamorphic: the player stretches each stored pixel that wide.
    """
    is_webm = path.suffix == ".webm"
    video_codec, audio_codec = ("libvpx", "libopus") if is_webm else ("libx264", "aac")
    with av.open(str(path), mode="w", format=container_format) as container:
        video = container.add_stream(video_codec, rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        if sample_aspect is not None:
            video.codec_context.sample_aspect_ratio = sample_aspect
        audio = container.add_stream(audio_codec, rate=48000) if with_audio else None
        if audio is not None:
            audio.layout = "mono"
        frames = int(seconds * fps)
        for index in range(frames):
            picture = np.zeros((height, width, 3), dtype=np.uint8)
            picture[:, :, 0] = (index * 7) % 255
            picture[height // 4 : height // 2, (index * 5) % width :, 1] = 200
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
        if audio is not None:
            _write_tone(container, audio, seconds)
    return path


def _write_tone(
    container: av.container.OutputContainer, audio: av.AudioStream, seconds: float
) -> None:
    rate = 48000
    samples_per_frame = 960
    total = int(seconds * rate)
    for start in range(0, total, samples_per_frame):
        t = np.arange(start, min(start + samples_per_frame, total)) / rate
        samples = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = start
        frame.time_base = Fraction(1, rate)
        container.mux(audio.encode(frame))
    container.mux(audio.encode(None))


def truncated_copy(source: Path, destination: Path, keep_fraction: float) -> Path:
    data = source.read_bytes()
    destination.write_bytes(data[: int(len(data) * keep_fraction)])
    return destination


def faststart_copy(source: Path, destination: Path) -> Path:
    """The same packets in an MP4 whose index comes first, as phones and editors write
    for streaming: cut short, it still promises all of the media."""
    first = {"movflags": "faststart"}
    with av.open(str(source)) as original, av.open(str(destination), "w", options=first) as copy:
        streams = {
            stream.index: copy.add_stream_from_template(stream) for stream in original.streams
        }
        for packet in original.demux():
            if packet.dts is None:  # the demuxer's end-of-stream marker
                continue
            packet.stream = streams[packet.stream.index]
            copy.mux(packet)
    return destination


@dataclass(frozen=True)
class GarbledFile:
    path: Path
    # The bytes overwritten with noise: [first_byte, end_byte).
    first_byte: int
    end_byte: int


def garbled_copy(source: Path, destination: Path, at_fraction: float, length: int) -> GarbledFile:
    """A copy with `length` bytes of noise written over the MP4's media data, `at_fraction`
    of the way through it: damage in the middle, the index and the end intact."""
    data = bytearray(source.read_bytes())
    box = data.find(b"mdat")
    assert box >= 4, f"{source} has no media data box"
    box_size = int.from_bytes(data[box - 4 : box], "big")
    start = box + 4 + int((box_size - 8) * at_fraction)
    data[start : start + length] = (
        np.random.default_rng(9).integers(0, 256, length, dtype=np.uint8).tobytes()
    )
    destination.write_bytes(bytes(data))
    return GarbledFile(destination, start, start + length)


def times_stored_between(path: Path, first_byte: int, end_byte: int) -> tuple[float, float]:
    """The span of media time whose packets lie (partly) in those bytes of the file."""
    times: list[float] = []
    with av.open(str(path)) as container:
        for packet in container.demux():
            if packet.pts is None or packet.time_base is None or packet.pos is None:
                continue
            if packet.pos < end_byte and packet.pos + packet.size > first_byte:
                start = float(packet.pts * packet.time_base)
                times += [start, start + float((packet.duration or 0) * packet.time_base)]
    assert times, "no packet lies in those bytes"
    return min(times), max(times)
