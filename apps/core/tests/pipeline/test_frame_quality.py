"""Frame quality: black, flat and blurry frames are rejected; good ones rank by quality."""

import numpy as np
import pytest
from PIL import Image, ImageFilter

from echo_core.pipeline.frame_quality import (
    MIN_CONTRAST,
    USABLE_SCORE,
    analysis_size,
    laplacian_variance,
    luminance,
    measure_frame,
)

WIDTH, HEIGHT = 320, 180


def detailed_picture(width: int, height: int, shift: int = 0) -> np.ndarray:
    """Colour gradients (contrast that survives blurring) under a fine checkerboard (detail).

    `shift` moves the checkerboard sideways, so consecutive frames differ.
    """
    y, x = np.mgrid[0:height, 0:width]
    picture = np.zeros((height, width, 3), dtype=np.uint8)
    picture[..., 0] = x * 255 // width
    picture[..., 2] = y * 255 // height
    picture[..., 1] = 60 + 140 * (((x + shift) // 8 + y // 8) % 2)
    return picture


def blurred(picture: np.ndarray, radius: float) -> np.ndarray:
    return np.asarray(Image.fromarray(picture).filter(ImageFilter.GaussianBlur(radius)))


def flat_picture(value: int) -> np.ndarray:
    return np.full((HEIGHT, WIDTH, 3), value, dtype=np.uint8)


def test_a_detailed_frame_is_usable() -> None:
    quality = measure_frame(detailed_picture(WIDTH, HEIGHT))
    assert quality.defects == ()
    assert quality.is_usable
    assert USABLE_SCORE <= quality.score <= 1.0


def test_a_black_frame_is_too_dark() -> None:
    quality = measure_frame(flat_picture(0))
    assert "too dark" in quality.defects
    assert quality.score < USABLE_SCORE


def test_a_nearly_black_frame_with_noise_is_still_too_dark() -> None:
    # Encoders leave faint noise in black frames; that must not pass for content.
    noise = np.random.default_rng(7).integers(0, 12, (HEIGHT, WIDTH, 3), dtype=np.uint8)
    assert "too dark" in measure_frame(noise).defects


def test_a_grey_frame_is_nearly_uniform() -> None:
    quality = measure_frame(flat_picture(128))
    assert "nearly uniform" in quality.defects
    assert "too dark" not in quality.defects
    assert quality.score < USABLE_SCORE


def test_a_heavily_blurred_frame_is_blurry_though_it_has_contrast() -> None:
    quality = measure_frame(blurred(detailed_picture(WIDTH, HEIGHT), radius=4))
    assert quality.defects == ("blurry",)
    # The blur check, not the contrast check, is what catches it.
    assert quality.contrast >= MIN_CONTRAST
    assert quality.score < USABLE_SCORE


def test_sharper_and_better_exposed_frames_score_higher() -> None:
    sharp = measure_frame(detailed_picture(WIDTH, HEIGHT))
    softer = measure_frame(blurred(detailed_picture(WIDTH, HEIGHT), radius=0.8))
    darker = measure_frame(detailed_picture(WIDTH, HEIGHT) // 3)
    assert softer.is_usable and darker.is_usable
    assert sharp.score > softer.score
    assert sharp.score > darker.score


@pytest.mark.parametrize(
    "picture",
    [
        flat_picture(0),
        flat_picture(255),
        flat_picture(128),
        blurred(detailed_picture(WIDTH, HEIGHT), radius=2),
        detailed_picture(WIDTH, HEIGHT) // 12,
        detailed_picture(WIDTH, HEIGHT),
    ],
)
def test_the_score_alone_tells_usable_frames_from_rejected_ones(picture: np.ndarray) -> None:
    quality = measure_frame(picture)
    assert 0.0 <= quality.score <= 1.0
    assert (quality.score >= USABLE_SCORE) == quality.is_usable


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((1920, 1080), (320, 180)),
        ((1080, 1920), (180, 320)),
        ((3840, 2160), (320, 180)),
        # Small videos are measured at the same size, so thresholds mean the same thing.
        ((160, 90), (320, 180)),
        ((1440, 1080), (320, 240)),
    ],
)
def test_analysis_size_fixes_the_longer_side_and_keeps_the_aspect(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert analysis_size(*size) == expected


def test_luminance_spans_black_to_white() -> None:
    assert luminance(flat_picture(0)).max() == pytest.approx(0.0)
    assert luminance(flat_picture(255)).min() == pytest.approx(255.0, abs=0.01)


def test_laplacian_variance_is_zero_without_edges_and_large_with_them() -> None:
    assert laplacian_variance(luminance(flat_picture(90))) == 0.0
    assert laplacian_variance(np.zeros((2, 2), dtype=np.float32)) == 0.0
    assert laplacian_variance(luminance(detailed_picture(WIDTH, HEIGHT))) > 1000
