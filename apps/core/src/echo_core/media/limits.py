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

    def longest_audio_seconds(self, duration_seconds: float) -> float:
        """How much sound a video that lasts `duration_seconds` (0: unknown) may decode into.

        Audio timestamps can jump hours ahead of the picture; the silence that would fill
        such a jump is not written past the video's end, nor past the duration limit.
        """
        if duration_seconds <= 0:
            return self.max_duration_seconds
        return min(duration_seconds, self.max_duration_seconds)
