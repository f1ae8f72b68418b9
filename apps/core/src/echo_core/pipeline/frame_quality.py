"""Whether a video frame would make a thumbnail, judged from a small RGB copy of it.

The measures are plain numpy on one frame, so they are cheap enough to run on several
frames per candidate time. Sharpness depends on scale, so frames are measured at a
fixed size: callers scale each frame to `analysis_size` first (the decoder does that
far faster than numpy could).
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

# Frames are measured with their longer side this long, whatever the video's resolution.
ANALYSIS_LONG_SIDE = 320

# Luminance is 0..255. Below this mean the frame is black or nearly so (fades, lens cap).
MIN_BRIGHTNESS = 24.0
# Below this standard deviation the frame is one flat colour: a blank slate, a fade.
MIN_CONTRAST = 12.0
# Below this variance of the Laplacian the frame is out of focus or smeared by motion.
MIN_SHARPNESS = 60.0
# Sharpness at which a frame counts as fully sharp for the score; more adds nothing.
FULL_SHARPNESS = 600.0
# Contrast at which a frame counts as fully contrasted for the score.
FULL_CONTRAST = 64.0

# Frames that pass every check score at least this; frames that fail one score below it,
# so a caller that had to fall back to them can tell.
USABLE_SCORE = 0.5

# (height, width, 3) RGB, 0..255; the decoder's uint8 in practice, any number type works.
RgbArray = npt.NDArray[np.number[Any]]
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class FrameQuality:
    brightness: float
    contrast: float
    sharpness: float

    @property
    def defects(self) -> tuple[str, ...]:
        """What disqualifies the frame, in words; empty when it is usable."""
        found = []
        if self.brightness < MIN_BRIGHTNESS:
            found.append("too dark")
        if self.contrast < MIN_CONTRAST:
            found.append("nearly uniform")
        if self.sharpness < MIN_SHARPNESS:
            found.append("blurry")
        return tuple(found)

    @property
    def is_usable(self) -> bool:
        return not self.defects

    @property
    def score(self) -> float:
        """0..1, higher is better: USABLE_SCORE and above for usable frames, below otherwise.

        Within each band, well exposed, contrasted and sharp frames rank first.
        """
        # Mid-grey mean is ideal; a frame that is mostly black or mostly white is not.
        exposure = 1.0 - abs(self.brightness - 127.5) / 127.5
        contrast = min(self.contrast / FULL_CONTRAST, 1.0)
        sharpness = min(self.sharpness / FULL_SHARPNESS, 1.0)
        merit = (exposure + contrast + sharpness) / 3.0
        # A failing check leaves its term well below 1 (each minimum is below the matching
        # "full" level), so merit < 1 and a failing frame stays below USABLE_SCORE.
        band = USABLE_SCORE if self.is_usable else 0.0
        return band + merit * (1.0 - USABLE_SCORE)


def analysis_size(width: int, height: int) -> tuple[int, int]:
    """The size to scale a width x height frame to before measuring it, aspect kept."""
    scale = ANALYSIS_LONG_SIDE / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def measure_frame(rgb: RgbArray) -> FrameQuality:
    """Measure an (height, width, 3) RGB frame already scaled to `analysis_size`."""
    gray = luminance(rgb)
    return FrameQuality(
        brightness=float(gray.mean()),
        contrast=float(gray.std()),
        sharpness=laplacian_variance(gray),
    )


def luminance(rgb: RgbArray) -> FloatArray:
    """Perceived brightness per pixel (ITU-R BT.601 weights), 0..255."""
    weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    result: FloatArray = rgb.astype(np.float32) @ weights
    return result


def laplacian_variance(gray: FloatArray) -> float:
    """Variance of the 4-neighbour Laplacian: large when the frame has crisp edges."""
    if gray.shape[0] < 3 or gray.shape[1] < 3:
        return 0.0
    centre = gray[1:-1, 1:-1]
    laplacian = gray[:-2, 1:-1] + gray[2:, 1:-1] + gray[1:-1, :-2] + gray[1:-1, 2:] - 4 * centre
    return float(laplacian.var())
