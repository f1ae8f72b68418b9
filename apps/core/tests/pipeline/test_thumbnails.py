"""Thumbnail extraction on videos generated here with PyAV, section by section."""

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PIL import Image

from echo_core.errors import UnsupportedMediaError
from echo_core.pipeline.frame_quality import USABLE_SCORE, analysis_size, measure_frame
from echo_core.pipeline.progress import ignore_progress
from echo_core.pipeline.thumbnails import THUMBNAIL_WIDTH, extract_thumbnails
from tests.hostile_media import make_video_that_grows
from tests.media import DEFAULT_LIMITS, make_video
from tests.pipeline.test_frame_quality import blurred, detailed_picture

FPS = 25

# (seconds, kind): a third of black, then detail interrupted by a flat grey stretch and
# a heavily blurred one; thumbnails may only come from the "detail" stretches.
# Section lengths are whole frames, so frame times fall cleanly on one side of each cut.
MIXED_SECTIONS = [
    (4.0, "black"),
    (2.0, "detail"),
    (1.6, "grey"),
    (1.6, "detail"),
    (1.6, "blurred"),
    (1.2, "detail"),
]


def make_sectioned_video(
    path: Path,
    sections: list[tuple[float, str]],
    width: int = 320,
    height: int = 180,
    rotation: int = 0,
    keyframe_interval: int = 250,
) -> Path:
    """Write an H.264 video made of sections of black, grey, detailed or blurred frames."""
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.gop_size = keyframe_interval
        if rotation:
            stream.set_display_rotation(rotation)
        frame_number = 0
        for seconds, kind in sections:
            for _ in range(round(seconds * FPS)):
                picture = _section_picture(kind, width, height, shift=2 * frame_number)
                frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
                container.mux(stream.encode(frame))
                frame_number += 1
        container.mux(stream.encode(None))
    return path


def _section_picture(kind: str, width: int, height: int, shift: int) -> np.ndarray:
    if kind == "black":
        return np.zeros((height, width, 3), dtype=np.uint8)
    if kind == "grey":
        return np.full((height, width, 3), 128, dtype=np.uint8)
    if kind == "blurred":
        return blurred(detailed_picture(width, height, shift), radius=5)
    return detailed_picture(width, height, shift)


def section_at(sections: list[tuple[float, str]], time_seconds: float) -> str:
    end = 0.0
    for seconds, kind in sections:
        end += seconds
        if time_seconds < end:
            return kind
    raise AssertionError(f"{time_seconds} s is past the end of the video")


def video_seconds(sections: list[tuple[float, str]]) -> float:
    return sum(seconds for seconds, _ in sections)


@pytest.fixture(scope="module")
def mixed_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sectioned_video(tmp_path_factory.mktemp("video") / "mixed.mp4", MIXED_SECTIONS)


@pytest.mark.parametrize("count", [1, 3, 5])
def test_thumbnails_come_only_from_good_footage(
    mixed_video: Path, tmp_path: Path, count: int
) -> None:
    thumbnails = extract_thumbnails(mixed_video, tmp_path, count, DEFAULT_LIMITS, ignore_progress)

    assert len(thumbnails) == count
    for thumbnail in thumbnails:
        assert section_at(MIXED_SECTIONS, thumbnail.time_seconds) == "detail", thumbnail
        assert thumbnail.score >= USABLE_SCORE
        # What was saved must itself look like a usable frame, not just the time be right.
        with Image.open(thumbnail.path) as image:
            small = image.convert("RGB").resize(analysis_size(image.width, image.height))
        assert measure_frame(np.asarray(small)).is_usable


def test_thumbnails_are_named_by_index_and_in_time_order_inside_the_video(
    mixed_video: Path, tmp_path: Path
) -> None:
    thumbnails = extract_thumbnails(mixed_video, tmp_path, 4, DEFAULT_LIMITS, ignore_progress)

    assert [thumbnail.index for thumbnail in thumbnails] == [0, 1, 2, 3]
    assert [thumbnail.path for thumbnail in thumbnails] == [tmp_path / f"{i}.jpg" for i in range(4)]
    times = [thumbnail.time_seconds for thumbnail in thumbnails]
    assert times == sorted(set(times))
    assert all(0.0 <= time < video_seconds(MIXED_SECTIONS) for time in times)


def test_thumbnails_are_jpegs_1280_wide_with_the_video_aspect(
    mixed_video: Path, tmp_path: Path
) -> None:
    for thumbnail in extract_thumbnails(mixed_video, tmp_path, 2, DEFAULT_LIMITS, ignore_progress):
        with Image.open(thumbnail.path) as image:
            assert image.format == "JPEG"
            # 320x180 is scaled up to YouTube's 1280 width, 16:9 kept.
            assert image.size == (THUMBNAIL_WIDTH, 720)
            image.verify()


def test_progress_is_reported_per_slot_and_reaches_one(mixed_video: Path, tmp_path: Path) -> None:
    reports: list[float] = []
    extract_thumbnails(
        mixed_video,
        tmp_path,
        3,
        DEFAULT_LIMITS,
        lambda fraction, _detail: reports.append(fraction),
    )

    assert len(reports) >= 3 + 1
    assert reports == sorted(reports)
    assert all(0.0 <= fraction <= 1.0 for fraction in reports)
    assert reports[-1] == 1.0


@pytest.mark.parametrize(
    ("size", "rotation"),
    [
        ((180, 320), 0),
        # A phone's portrait video: stored landscape, with a rotation for the player.
        ((320, 180), 90),
    ],
)
def test_a_vertical_short_gets_portrait_thumbnails(
    tmp_path: Path, size: tuple[int, int], rotation: int
) -> None:
    sections = [(0.5, "black"), (3.0, "detail")]
    width, height = size
    video = make_sectioned_video(tmp_path / "short.mp4", sections, width, height, rotation)

    thumbnails = extract_thumbnails(video, tmp_path / "thumbs", 3, DEFAULT_LIMITS, ignore_progress)

    assert len(thumbnails) == 3
    for thumbnail in thumbnails:
        assert section_at(sections, thumbnail.time_seconds) == "detail"
        with Image.open(thumbnail.path) as image:
            # 9:16 at 1280 wide: 1280 * 16 / 9 = 2275.6, rounded.
            assert image.size == (THUMBNAIL_WIDTH, 2276)


@pytest.mark.parametrize(
    ("size", "sample_aspect", "thumbnail_size"),
    [
        # Anamorphic video as cameras write it: 240x180 stored, shown 4:3 wider, so 16:9.
        ((240, 180), Fraction(4, 3), (THUMBNAIL_WIDTH, 720)),
        # Pixels claimed 300 times too wide or too narrow: shown at most 4:1 or 1:4.
        ((1920, 1080), Fraction(300), (THUMBNAIL_WIDTH, 320)),
        ((1920, 1080), Fraction(1, 300), (THUMBNAIL_WIDTH, 5120)),
    ],
)
def test_anamorphic_video_gets_thumbnails_in_its_display_shape_within_bounds(
    tmp_path: Path,
    size: tuple[int, int],
    sample_aspect: Fraction,
    thumbnail_size: tuple[int, int],
) -> None:
    width, height = size
    video = make_video(
        tmp_path / "anamorphic.mp4",
        seconds=2,
        width=width,
        height=height,
        fps=10,
        with_audio=False,
        sample_aspect=sample_aspect,
    )

    thumbnails = extract_thumbnails(video, tmp_path / "thumbs", 2, DEFAULT_LIMITS, ignore_progress)

    assert thumbnails
    for thumbnail in thumbnails:
        with Image.open(thumbnail.path) as image:
            assert image.size == thumbnail_size


def test_frames_larger_than_the_pixel_limit_are_never_decoded(tmp_path: Path) -> None:
    # Its header, and its first second, say 320x240; then its frames are 1080p.
    video = make_video_that_grows(tmp_path / "grows.mkv", small=(320, 240), large=(1920, 1080))
    limits = replace(DEFAULT_LIMITS, max_video_pixels=320 * 240)

    with pytest.raises(UnsupportedMediaError, match="past the 76,800 pixels"):
        extract_thumbnails(video, tmp_path / "thumbs", 3, limits, ignore_progress)

    # Within the limit, the same video is fine.
    assert len(extract_thumbnails(video, tmp_path / "thumbs", 3, DEFAULT_LIMITS, ignore_progress))


@pytest.mark.parametrize(
    ("name", "container_format"),
    [
        ("clip.webm", None),
        ("clip.mkv", None),
        # MPEG-TS has no index, so seeking is approximate and can miss the keyframe.
        ("clip.ts", "mpegts"),
    ],
)
def test_other_containers_yield_thumbnails(
    tmp_path: Path, name: str, container_format: str | None
) -> None:
    video = make_video(tmp_path / name, seconds=4, container_format=container_format)

    thumbnails = extract_thumbnails(video, tmp_path / "thumbs", 3, DEFAULT_LIMITS, ignore_progress)

    assert len(thumbnails) == 3
    assert all(0.0 <= thumbnail.time_seconds < 4.0 for thumbnail in thumbnails)
    assert all(thumbnail.score >= USABLE_SCORE for thumbnail in thumbnails)


def test_an_all_black_video_still_yields_frames_flagged_low(tmp_path: Path) -> None:
    video = make_sectioned_video(tmp_path / "black.mp4", [(3.0, "black")])

    thumbnails = extract_thumbnails(video, tmp_path / "thumbs", 3, DEFAULT_LIMITS, ignore_progress)

    assert len(thumbnails) == 3
    assert all(thumbnail.score < USABLE_SCORE for thumbnail in thumbnails)
    assert all(thumbnail.path.is_file() for thumbnail in thumbnails)


class CountingContainer:
    """An open container that counts the frames decoded from it."""

    def __init__(self, container: av.container.InputContainer) -> None:
        self._container = container
        self.decoded = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._container, name)

    def __enter__(self) -> "CountingContainer":
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self._container.close()

    def decode(self, *args: object, **kwargs: object) -> Iterator[av.VideoFrame]:
        for frame in self._container.decode(*args, **kwargs):
            self.decoded += 1
            yield frame


def test_a_long_video_is_sampled_not_decoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seconds = 40
    # A keyframe every second, as cameras and streaming software commonly write.
    video = make_sectioned_video(
        tmp_path / "long.mp4", [(seconds, "detail")], 160, 90, keyframe_interval=FPS
    )
    opened: list[CountingContainer] = []
    open_video = av.open

    def open_counting(*args: Any, **kwargs: Any) -> CountingContainer:
        opened.append(CountingContainer(open_video(*args, **kwargs)))
        return opened[-1]

    monkeypatch.setattr(av, "open", open_counting)
    thumbnails = extract_thumbnails(video, tmp_path / "thumbs", 3, DEFAULT_LIMITS, ignore_progress)

    assert len(thumbnails) == 3
    assert opened[0].decoded < seconds * FPS / 4


def test_a_count_below_one_is_refused(mixed_video: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="count"):
        extract_thumbnails(mixed_video, tmp_path, 0, DEFAULT_LIMITS, ignore_progress)
