"""Read what a media file holds with PyAV, and decide whether it is a usable video."""

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from echo_core.errors import MediaCutOffError, MediaLimitError, UnsupportedMediaError
from echo_core.media.decoding import open_media
from echo_core.media.limits import MediaLimits
from echo_core.media.truncation import media_end_if_cut_off
from echo_core.youtube_rules import format_timestamp

# PyAV names demuxers by family; map each to the type browsers and YouTube know.
_CONTENT_TYPES = {
    "mov,mp4,m4a,3gp,3g2,mj2": "video/mp4",
    "matroska,webm": "video/webm",
    "avi": "video/x-msvideo",
    "mpegts": "video/mp2t",
    "mpeg": "video/mpeg",
    "flv": "video/x-flv",
    "ogg": "video/ogg",
    "asf": "video/x-ms-wmv",
}
_EXTENSIONS = {
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "video/x-msvideo": ".avi",
    "video/mp2t": ".ts",
    "video/mpeg": ".mpg",
    "video/x-flv": ".flv",
    "video/ogg": ".ogv",
    "video/x-matroska": ".mkv",
    "video/x-ms-wmv": ".wmv",
}
# Image demuxers also "contain" a video stream; a still picture is not a video upload.
_STILL_IMAGE_FORMATS = ("image2", "png_pipe", "jpeg_pipe", "gif", "webp_pipe", "bmp_pipe")


@dataclass(frozen=True)
class MediaInfo:
    container: str
    content_type: str
    extension: str
    duration_seconds: float
    width: int
    height: int
    fps: float | None
    video_codec: str
    audio_codec: str | None

    @property
    def has_audio(self) -> bool:
        return self.audio_codec is not None

    @property
    def resolution(self) -> str:
        return f"{self.width}x{self.height}"


def probe_video(path: Path, limits: MediaLimits) -> MediaInfo:
    """Probe the file and decode its first frame, unless it is beyond `limits`.

    Raises UnsupportedMediaError with a reason a person can act on, MediaLimitError for a
    video too long or too large, and MediaCutOffError for one whose media ends well
    before the end it claims.
    """
    if path.stat().st_size == 0:
        raise UnsupportedMediaError("The file is empty.")
    try:
        container = open_media(path, limits.max_video_pixels)
    except av.FFmpegError as error:
        raise UnsupportedMediaError(
            "This file is not a video Echo can read, or it is damaged."
        ) from error
    with container:
        format_name = container.format.name
        if format_name in _STILL_IMAGE_FORMATS or format_name.endswith("_pipe"):
            raise UnsupportedMediaError("This is an image, not a video.")
        if not container.streams.video:
            raise UnsupportedMediaError("The file has no video stream.")
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        duration = media_duration_seconds(container)
        width, height = video.codec_context.width, video.codec_context.height
        # Checked before anything is decoded: decoding is what a lying file makes expensive.
        _check_limits(duration, width, height, limits)
        _decode_first_frame(container, video)
        _check_not_cut_off(container, duration)
        content_type = _content_type(format_name, video.codec_context.name)
        rate = video.average_rate or video.guessed_rate
        return MediaInfo(
            container=format_name,
            content_type=content_type,
            extension=_EXTENSIONS.get(content_type, ".bin"),
            duration_seconds=duration,
            width=width,
            height=height,
            fps=round(float(rate), 3) if rate else None,
            video_codec=video.codec_context.name,
            audio_codec=audio.codec_context.name if audio is not None else None,
        )


def media_duration_seconds(container: av.container.InputContainer) -> float:
    """How long the file says it lasts; 0 when it does not say."""
    if container.duration is not None and container.duration > 0:
        return float(Fraction(container.duration, av.time_base))
    for video in container.streams.video[:1]:
        if video.duration is not None and video.time_base is not None:
            return float(video.duration * video.time_base)
    return 0.0


def _check_limits(duration: float, width: int, height: int, limits: MediaLimits) -> None:
    if duration > limits.max_duration_seconds:
        raise MediaLimitError(
            f"The video lasts {format_timestamp(duration)}, longer than the "
            f"{format_timestamp(limits.max_duration_seconds)} this server takes."
        )
    if width * height > limits.max_video_pixels:
        raise MediaLimitError(
            f"The video is {width}x{height} ({width * height:,} pixels), more than the "
            f"{limits.max_video_pixels:,} pixels this server takes."
        )


def _check_not_cut_off(container: av.container.InputContainer, duration: float) -> None:
    end = media_end_if_cut_off(container, duration)
    if end is not None:
        raise MediaCutOffError(
            f"The file seems cut off: it ends at {format_timestamp(end)} of "
            f"{format_timestamp(duration)}. Upload the whole file again."
        )


def _decode_first_frame(container: av.container.InputContainer, video: av.VideoStream) -> None:
    try:
        for _frame in container.decode(video):
            return
    except av.FFmpegError as error:
        raise UnsupportedMediaError(
            "The video is damaged or truncated: its frames cannot be decoded."
        ) from error
    raise UnsupportedMediaError("The video is damaged or truncated: it holds no frames.")


def _content_type(format_name: str, video_codec: str) -> str:
    content_type = _CONTENT_TYPES.get(format_name, "application/octet-stream")
    # One demuxer reads both; WebM is the Matroska subset with web codecs.
    if content_type == "video/webm" and video_codec not in ("vp8", "vp9", "av1"):
        return "video/x-matroska"
    return content_type
