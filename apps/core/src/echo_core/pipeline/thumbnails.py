"""Thumbnail candidates: good-looking frames spread over the video, saved as JPEGs for YouTube.

The video is split into one slot per wanted thumbnail. Each slot is probed by seeking
to a time in it and decoding a few frames from there, never the whole video, so an
hour-long upload costs a handful of short decodes. Frames that are black, flat or
blurry are passed over (see `frame_quality`).
"""

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import av
from PIL import Image

from echo_core.errors import UnsupportedMediaError
from echo_core.media.decoding import open_media
from echo_core.media.limits import MediaLimits
from echo_core.pipeline.frame_quality import FrameQuality, analysis_size, measure_frame
from echo_core.pipeline.progress import ProgressCallback

# YouTube asks for thumbnails 1280 pixels wide; smaller videos are scaled up to match.
THUMBNAIL_WIDTH = 1280
JPEG_QUALITY = 85
# No thumbnail is more elongated than 4:1 or 1:4, whatever shape a file claims its pixels
# have: 1080p pixels claimed 1:300 would otherwise make a thumbnail 216,000 pixels tall.
MAX_ASPECT_RATIO = Fraction(4)
# Openings and endings are mostly fades, titles and end cards: no slot reaches into them.
EDGE_MARGIN = 0.05
# A slot is probed in the middle first and, only if that finds nothing usable, at other
# times spread over it, so a bad stretch (a fade, a title card) costs no thumbnail. Few
# slots get more probe times each, so the video is never searched at fewer than
# MIN_PROBES_PER_VIDEO times.
MIN_PROBES_PER_SLOT = 3
MIN_PROBES_PER_VIDEO = 12
# Frames measured per probe, spread over a short window, so one bad frame does not sink it.
FRAMES_PER_PROBE = 4
PROBE_WINDOW_SECONDS = 1.0
# Share of the progress bar spent looking for frames; saving the JPEGs takes the rest.
SEARCH_SHARE = 0.95


@dataclass(frozen=True)
class ThumbnailFrame:
    index: int
    time_seconds: float
    path: Path
    # frame_quality's score: below USABLE_SCORE when no usable frame existed.
    score: float


@dataclass(frozen=True)
class _Measured:
    time_seconds: float
    quality: FrameQuality
    frame: av.VideoFrame


@dataclass(frozen=True)
class _Candidate:
    time_seconds: float
    quality: FrameQuality
    # The finished thumbnail: a kept candidate holds no decoded frame, whose size the
    # video decides, only a JPEG of at most THUMBNAIL_WIDTH x THUMBNAIL_WIDTH * 4 pixels.
    jpeg: bytes


def extract_thumbnails(
    video_path: Path, out_dir: Path, count: int, limits: MediaLimits, progress: ProgressCallback
) -> list[ThumbnailFrame]:
    """Save up to `count` thumbnails as `out_dir/{index}.jpg`, indexed in time order.

    Only usable frames are returned when the video has any; when it has none (it is all
    black, say) the least bad frames are returned instead, scored below USABLE_SCORE.
    Raises UnsupportedMediaError when frames cannot be decoded, or hold more pixels than
    `limits` allow. Blocking and CPU-bound: the pipeline calls it off the event loop.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open_media(video_path, limits.max_video_pixels) as container:
            chosen = _choose_frames(
                _FrameSampler(container, limits.max_video_pixels), count, progress
            )
    except av.FFmpegError as error:
        raise UnsupportedMediaError(
            "The video's frames cannot be decoded: it is damaged, or its picture grows past "
            f"the {limits.max_video_pixels:,} pixels this server takes."
        ) from error
    thumbnails = []
    for index, candidate in enumerate(chosen):
        path = out_dir / f"{index}.jpg"
        path.write_bytes(candidate.jpeg)
        thumbnails.append(
            ThumbnailFrame(index, candidate.time_seconds, path, candidate.quality.score)
        )
    progress(1.0, f"{len(thumbnails)} thumbnails")
    return thumbnails


def _choose_frames(
    sampler: "_FrameSampler", count: int, progress: ProgressCallback
) -> list[_Candidate]:
    usable: dict[float, _Candidate] = {}
    least_bad: dict[float, _Candidate] = {}
    spare_times: list[float] = []

    def probe(time_seconds: float, window_seconds: float) -> bool:
        """Keep the best frame near the time; True when it is usable."""
        best = sampler.best_frame_near(time_seconds, window_seconds)
        if best is None:
            return False
        # Keyed by time: in a sparse video two probes can land on the same frame.
        if best.quality.is_usable:
            usable[best.time_seconds] = best
            return True
        least_bad[best.time_seconds] = best
        # Only the best few can be needed.
        if len(least_bad) > count:
            del least_bad[min(least_bad, key=lambda time: least_bad[time].quality.score)]
        return False

    slots, window = _probe_plan(sampler.duration_seconds, count)
    for number, probe_times in enumerate(slots, start=1):
        for position, time_seconds in enumerate(probe_times):
            if probe(time_seconds, window):
                spare_times.extend(probe_times[position + 1 :])
                break
        progress(SEARCH_SHARE * number / count, f"{number} of {count} slots searched")

    # Slots that found nothing usable are made up from the other slots' unprobed times,
    # so one long bad stretch (a black intro) does not cost a thumbnail.
    for time_seconds in spare_times:
        if len(usable) >= count:
            break
        probe(time_seconds, window)

    pool = usable or least_bad
    best_first = sorted(pool.values(), key=lambda candidate: candidate.quality.score, reverse=True)
    return sorted(best_first[:count], key=lambda candidate: candidate.time_seconds)


def _probe_plan(duration_seconds: float, count: int) -> tuple[list[list[float]], float]:
    """Per slot, the times to probe in the order to try them; and how long each probe looks."""
    probes_per_slot = max(MIN_PROBES_PER_SLOT, math.ceil(MIN_PROBES_PER_VIDEO / count))
    slot_length = duration_seconds * (1 - 2 * EDGE_MARGIN) / count
    spacing = slot_length / probes_per_slot
    start = duration_seconds * EDGE_MARGIN
    slots = [
        [
            start + slot * slot_length + (part + 0.5) * spacing
            for part in _spread_order(probes_per_slot)
        ]
        for slot in range(count)
    ]
    # Half the spacing keeps each probe's frames clear of the next probe's.
    return slots, min(PROBE_WINDOW_SECONDS, spacing / 2)


def _spread_order(parts: int) -> list[int]:
    """0..parts-1 from the middle out, each next part as far as possible from those before.

    Probing in this order reaches every region of a slot early, so one long bad
    stretch does not eat the whole search.
    """
    order = [(parts - 1) // 2]
    while len(order) < parts:
        order.append(
            max(
                (part for part in range(parts) if part not in order),
                key=lambda part: min(abs(part - taken) for taken in order),
            )
        )
    return order


class _FrameSampler:
    """Seeks within one open video and measures the frames found there."""

    def __init__(self, container: av.container.InputContainer, max_pixels: int) -> None:
        if not container.streams.video:
            raise UnsupportedMediaError("The file has no video stream.")
        self._container = container
        self._max_pixels = max_pixels
        self._stream = container.streams.video[0]
        self._stream.thread_type = "AUTO"
        time_base = self._stream.time_base or Fraction(1, av.time_base)
        self._time_base = time_base
        # Timestamps need not start at zero (MPEG-TS rarely does); times here are from the start.
        start_time = self._stream.start_time
        self._start_seconds = float(start_time * time_base) if start_time is not None else 0.0
        self.duration_seconds = self._duration_seconds()
        # Anamorphic video stores pixels that the player stretches; unset means square.
        claimed = self._stream.sample_aspect_ratio
        self._sample_aspect = claimed if claimed and claimed > 0 else Fraction(1)

    def best_frame_near(self, time_seconds: float, window_seconds: float) -> _Candidate | None:
        """The best of a few frames from `time_seconds` on; None past the end of the video."""
        # Seeking lands on the keyframe at or before the target; decode forward from there.
        target = int((self._start_seconds + time_seconds) / self._time_base)
        self._container.seek(target, stream=self._stream, backward=True, any_frame=False)
        best = self._best_from(time_seconds, window_seconds)
        if best is None:
            # Files without an index (MPEG-TS) seek by estimate and can land past the
            # keyframe the target needs, leaving nothing decodable; the start always works.
            self._container.seek(0)
            best = self._best_from(time_seconds, window_seconds)
        if best is None:
            return None
        jpeg = _thumbnail_jpeg(best.frame, self._sample_aspect)
        return _Candidate(best.time_seconds, best.quality, jpeg)

    def _best_from(self, time_seconds: float, window_seconds: float) -> _Measured | None:
        # One frame at a time: only the best so far and the one measured stay decoded.
        frames = self._frames_from(time_seconds, window_seconds)
        return max(frames, key=lambda measured: measured.quality.score, default=None)

    def _frames_from(self, time_seconds: float, window_seconds: float) -> Iterator[_Measured]:
        spacing = window_seconds / FRAMES_PER_PROBE
        next_time = time_seconds
        measured = 0
        for frame in self._decodable_frames():
            if frame.time is None:
                continue
            frame_time = frame.time - self._start_seconds
            if frame_time < next_time:
                continue
            # The first frame counts even beyond the window, so sparse videos yield one.
            if measured and frame_time >= time_seconds + window_seconds:
                return
            # The frame's own size, not the stream's: a stream can change size midway.
            width, height = analysis_size(frame.width, frame.height)
            pixels = frame.to_ndarray(
                format="rgb24", width=width, height=height, interpolation="AREA"
            )
            yield _Measured(frame_time, measure_frame(pixels), frame)
            measured += 1
            if measured == FRAMES_PER_PROBE:
                return
            next_time = frame_time + spacing

    def _decodable_frames(self) -> Iterator[av.VideoFrame]:
        """Frames from where the container stands. Packets the decoder refuses as invalid
        (bytes damaged in the middle of the file) are passed over: a thumbnail is found
        elsewhere. The decoder refuses a picture past the pixel limit the same way, and
        that still fails: the stream's size then says so."""
        context = self._stream.codec_context
        for packet in self._container.demux(self._stream):
            try:
                frames = packet.decode()
            except av.InvalidDataError:
                if context.width * context.height > self._max_pixels:
                    raise
                continue
            yield from frames

    def _duration_seconds(self) -> float:
        # The video stream's own length first: the container's counts a longer audio track.
        if self._stream.duration:
            return float(self._stream.duration * self._time_base)
        if self._container.duration:
            return float(Fraction(self._container.duration, av.time_base))
        return 0.0


def _thumbnail_size(
    width: int, height: int, sample_aspect: Fraction, quarter_turns: int
) -> tuple[int, int]:
    """The thumbnail of a width x height frame as the player shows it: THUMBNAIL_WIDTH
    wide, pixels stretched by `sample_aspect`, turned, its shape within MAX_ASPECT_RATIO."""
    shown = Fraction(width, height) * sample_aspect
    if quarter_turns % 2:
        shown = 1 / shown
    shown = min(max(shown, 1 / MAX_ASPECT_RATIO), MAX_ASPECT_RATIO)
    return THUMBNAIL_WIDTH, round(THUMBNAIL_WIDTH / shown)


def _thumbnail_jpeg(frame: av.VideoFrame, sample_aspect: Fraction) -> bytes:
    # Phones store portrait video sideways with a rotation for the player to apply.
    quarter_turns = round(frame.rotation / 90) % 4
    width, height = _thumbnail_size(frame.width, frame.height, sample_aspect, quarter_turns)
    if quarter_turns % 2:
        width, height = height, width
    # Scaled from the decoded frame straight to the thumbnail's size, never first to the
    # size it is shown at: that size is only as sane as the file's claim.
    pixels = frame.to_ndarray(format="rgb24", width=width, height=height, interpolation="LANCZOS")
    image = Image.fromarray(pixels)
    if quarter_turns:
        image = image.rotate(90 * quarter_turns, expand=True)
    jpeg = BytesIO()
    image.save(jpeg, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return jpeg.getvalue()
