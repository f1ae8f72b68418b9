"""Find where a file's media really ends, when that is well before the end it claims.

An MP4 written for streaming has its index first: cut short (an upload or copy that
stopped part-way), it still opens, decodes its first frame and claims its full length,
but the index points past the end of the bytes. This reads packets, never decodes them,
and only near the points it seeks to: a second before the claimed end and, when nothing
is there, a bisection of seeks that each read one packet, so a check takes a few bounded
reads whatever the length.
"""

from dataclasses import dataclass

import av

# Streams may end a little apart, and the claimed duration rounds: a shorter end than
# this is no sign of damage.
END_TOLERANCE_SECONDS = 1.0
# Each look at a point reads at most this much; a look cut short proves nothing.
_PACKETS_PER_LOOK = 5000
_BYTES_PER_LOOK = 64 * 1024**2
# The search for the real end stops when it knows it to within this.
_SEARCH_PRECISION_SECONDS = 0.5


@dataclass(frozen=True)
class _Look:
    # The end of the latest whole packet read, in seconds from the start; None if none was.
    reached_seconds: float | None
    # Whether reading stopped at the end of the file, not at the look's bounds.
    to_the_end: bool


def media_end_if_cut_off(container: av.container.InputContainer, claimed: float) -> float | None:
    """Where the media ends, when that is more than END_TOLERANCE_SECONDS before `claimed`
    seconds; None when it reaches its claimed end, or when that cannot be told (a file that
    cannot seek, or whose packets a look cannot get through)."""
    if claimed <= END_TOLERANCE_SECONDS:
        return None
    try:
        last = _look_from(container, claimed - END_TOLERANCE_SECONDS)
        if not last.to_the_end:
            return None
        if last.reached_seconds is None:
            return _search_end(container, claimed - END_TOLERANCE_SECONDS)
        return (
            last.reached_seconds if last.reached_seconds < claimed - END_TOLERANCE_SECONDS else None
        )
    except av.FFmpegError:
        return None


def _search_end(container: av.container.InputContainer, nothing_from: float) -> float | None:
    """Nothing is read from `nothing_from` on, though the first frame was: halve the span
    between the latest point that reads something and the earliest that reads nothing."""
    readable, unreadable = 0.0, nothing_from
    while unreadable - readable > _SEARCH_PRECISION_SECONDS:
        middle = (readable + unreadable) / 2
        # One whole packet tells which side the end is on.
        if _look_from(container, middle, max_packets=1).reached_seconds is None:
            unreadable = middle
        else:
            readable = middle
    return _look_from(container, readable).reached_seconds


def _look_from(
    container: av.container.InputContainer, seconds: float, max_packets: int = _PACKETS_PER_LOOK
) -> _Look:
    """Seek to the keyframe at or before `seconds` and read up to `max_packets` whole
    packets after it."""
    start = container.start_time or 0
    container.seek(start + int(seconds * av.time_base), backward=True, any_frame=False)
    origin = start / av.time_base
    reached: float | None = None
    packets = read_bytes = 0
    for packet in container.demux():
        if packet.size == 0:  # the demuxer's end-of-stream markers
            continue
        read_bytes += packet.size
        if packet.pts is not None and packet.time_base is not None and not packet.is_corrupt:
            packets += 1
            end = float((packet.pts + (packet.duration or 0)) * packet.time_base) - origin
            reached = end if reached is None else max(reached, end)
        if packets >= max_packets or read_bytes >= _BYTES_PER_LOOK:
            return _Look(reached, to_the_end=False)
    return _Look(reached, to_the_end=True)
