"""Whether PyAV (with the FFmpeg inside its wheel) can decode what creators upload."""

import av
from av.codec import Codec
from av.codec.codec import UnknownCodecError

from echo_core.doctor.finding import Finding, note, ok

# Video and audio codecs of most phone, camera and screen recordings.
COMMON_DECODERS = ("h264", "hevc", "vp9", "av1", "aac", "opus", "mp3")


def check_media() -> Finding:
    subject = "media"
    summary = (
        f"PyAV {av.__version__} with FFmpeg {av.ffmpeg_version_info} (no system ffmpeg needed)"
    )
    missing = [name for name in COMMON_DECODERS if not _can_decode(name)]
    if missing:
        return note(
            subject,
            f"{summary}; cannot decode {', '.join(missing)}",
            "reinstall with the PyAV wheel (uv sync), whose FFmpeg has every common decoder",
        )
    return ok(subject, summary)


def _can_decode(name: str) -> bool:
    try:
        Codec(name, "r")
    except UnknownCodecError:
        return False
    return True
