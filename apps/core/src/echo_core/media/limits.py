"""How much media Echo takes on, whatever a file claims about itself."""

from dataclasses import dataclass

from echo_core.config import Settings


@dataclass(frozen=True)
class MediaLimits:
    max_duration_seconds: float
    # Width x height of the stored picture, the size every decoded frame is checked against.
    max_video_pixels: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "MediaLimits":
        return cls(settings.max_duration_seconds, settings.max_video_pixels)
