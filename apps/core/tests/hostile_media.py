"""Hostile media made on the spot: audio whose timestamps jump, containers that lie about
their length. Small files that claim, or decode into, far more than they hold."""

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

TONE_RATE = 48000
_TONE_FRAME = 1024


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
