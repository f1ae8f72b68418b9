"""Hostile media made on the spot: audio whose timestamps jump, containers that lie about
their length. Small files that claim, or decode into, far more than they hold."""

import io
import struct
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

TONE_RATE = 48000
_TONE_FRAME = 1024
# Matroska's Segment Info > Duration element, a float counted in TimecodeScale units.
_MATROSKA_DURATION_ID = b"\x44\x89"
_UNKNOWN_ELEMENT_ID = b"\x44\x88"
# The TimecodeScale every muxer we use writes: one unit is a millisecond.
_MATROSKA_UNITS_PER_SECOND = 1000


def make_video_with_audio_spans(
    path: Path, spans: list[tuple[float, float]], video_seconds: float = 1.0
) -> Path:
    """A small 160x120 video whose 440 Hz tone plays only during `spans` (start, end).

    Between spans the audio's timestamps jump ahead: a few packets at 10 hours make a
    file of some kilobytes whose audio claims to last 10 hours.
    """
    fps = 25
    with av.open(str(path), mode="w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        audio = container.add_stream("aac", rate=TONE_RATE)
        audio.layout = "mono"
        for index in range(round(video_seconds * fps)):
            picture = np.full((120, 160, 3), index * 9 % 255, dtype=np.uint8)
            container.mux(video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(video.encode(None))
        for start_seconds, end_seconds in spans:
            first, last = round(start_seconds * TONE_RATE), round(end_seconds * TONE_RATE)
            for start in range(first, last, _TONE_FRAME):
                container.mux(audio.encode(_tone_frame(start)))
        container.mux(audio.encode(None))
    return path


def _tone_frame(start: int) -> av.AudioFrame:
    t = np.arange(start, start + _TONE_FRAME) / TONE_RATE
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32).reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(tone, format="flt", layout="mono")
    frame.sample_rate, frame.pts, frame.time_base = TONE_RATE, start, Fraction(1, TONE_RATE)
    return frame


def make_video_with_slow_audio(path: Path, sample_rate: int, samples: int) -> Path:
    """A second of 160x120 video with raw PCM audio that claims `sample_rate` samples a
    second, all in one frame: each sample stands for 16000 / `sample_rate` at 16 kHz."""
    fps = 25
    with av.open(str(path), mode="w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        audio = container.add_stream("pcm_s16le", rate=sample_rate)
        audio.layout = "mono"
        for index in range(fps):
            picture = np.full((120, 160, 3), index * 9 % 255, dtype=np.uint8)
            container.mux(video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(video.encode(None))
        ramp = (np.arange(samples) % 2000 * 10).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(ramp, format="s16", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = sample_rate, 0, Fraction(1, sample_rate)
        container.mux(audio.encode(frame))
        container.mux(audio.encode(None))
    return path


def make_video_that_grows(
    path: Path, small: tuple[int, int], large: tuple[int, int], seconds_each: float = 1.0
) -> Path:
    """A Matroska video whose header, and first second, say `small`; then it is `large`.

    Two H.264 streams end to end in one track: the second's own parameters change the
    picture size midway, as a file crafted to pass the upload check would.
    """
    fps = 25
    frames = round(seconds_each * fps)
    raw = _raw_h264(*small, frames, fps) + _raw_h264(*large, frames, fps)
    with (
        av.open(io.BytesIO(raw), format="h264") as source,
        av.open(str(path), mode="w") as target,
    ):
        track = target.add_stream_from_template(source.streams.video[0])
        track.time_base = Fraction(1, fps)
        packets = (packet for packet in source.demux(source.streams.video[0]) if packet.size)
        for index, packet in enumerate(packets):
            packet.stream, packet.time_base = track, Fraction(1, fps)
            packet.pts = packet.dts = index
            packet.duration = 1
            target.mux(packet)
    return path


def _raw_h264(width: int, height: int, frames: int, fps: int) -> bytes:
    stream_bytes = io.BytesIO()
    with av.open(stream_bytes, mode="w", format="h264") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        for index in range(frames):
            picture = np.zeros((height, width, 3), dtype=np.uint8)
            picture[:, : (index + 1) * width // frames, 1] = 200
            container.mux(video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(video.encode(None))
    return stream_bytes.getvalue()


def claim_duration(mkv: Path, seconds: float) -> Path:
    """Rewrite a Matroska file's declared duration, leaving its packets as they are."""
    data = bytearray(mkv.read_bytes())
    at = _duration_element(data, mkv)
    size = data[at + 2] & 0x7F  # a one-byte EBML length: 0x84 or 0x88
    packing = ">d" if size == 8 else ">f"
    data[at + 3 : at + 3 + size] = struct.pack(packing, seconds * _MATROSKA_UNITS_PER_SECOND)
    mkv.write_bytes(data)
    with av.open(str(mkv)) as container:
        assert container.duration == round(seconds * av.time_base), "the claim did not take"
    return mkv


def hide_duration(mkv: Path) -> Path:
    """Make a Matroska file's duration unknown, as in a recording cut off before its end."""
    data = bytearray(mkv.read_bytes())
    at = _duration_element(data, mkv)
    # An element id no demuxer knows: it is skipped, and the duration with it.
    data[at : at + 2] = _UNKNOWN_ELEMENT_ID
    mkv.write_bytes(data)
    with av.open(str(mkv)) as container:
        assert container.duration is None, "the duration is still known"
    return mkv


def _duration_element(data: bytearray, mkv: Path) -> int:
    at = data.find(_MATROSKA_DURATION_ID)
    assert at >= 0, f"{mkv} declares no duration"
    return at
