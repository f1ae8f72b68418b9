"""A spoken video several minutes long: the tests' flite video, played several times in a row.

The tests' `speech_video` (four topics read by four flite voices, ~80 s) is remuxed back to
back without re-encoding, so the sound is real speech a recognizer has to work through
and the picture is real H.264 the thumbnail stage has to decode.
"""

import math
import sys
from pathlib import Path

import av

CORE = Path(__file__).resolve().parent.parent / "apps" / "core"
sys.path.insert(0, str(CORE))

from tests.speech_media import speech_video  # noqa: E402 (needs apps/core on sys.path)


def concatenate(source: Path, target: Path, times: int) -> None:
    """Write `source` `times` times in a row into `target`, copying packets; atomically."""
    partial = target.with_name(target.name + ".partial")
    try:
        with av.open(str(source)) as template, av.open(str(partial), "w", format="mp4") as output:
            # One shift for every stream, in seconds, so sound and picture stay in sync;
            # long enough that every stream's timestamps keep increasing across the seam.
            span = _longest_stream_seconds(template)
            streams = {s.index: output.add_stream_from_template(s) for s in template.streams}
            for repeat in range(times):
                with av.open(str(source)) as copy:
                    for packet in copy.demux():
                        if packet.dts is None:  # the demuxer's end-of-stream marker
                            continue
                        shift = math.ceil(repeat * span / packet.time_base)
                        packet.pts += shift
                        packet.dts += shift
                        packet.stream = streams[packet.stream.index]
                        output.mux(packet)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _longest_stream_seconds(container: av.container.InputContainer) -> float:
    """Of all streams, the longest from its first decode time to the end of its last packet."""
    first_dts: dict[int, int] = {}
    last_end: dict[int, int] = {}
    for packet in container.demux():
        if packet.dts is None:
            continue
        index = packet.stream.index
        first_dts[index] = min(first_dts.get(index, packet.dts), packet.dts)
        last_end[index] = max(last_end.get(index, 0), packet.pts + packet.duration)
    return max(
        float((last_end[s.index] - first_dts[s.index]) * s.time_base) for s in container.streams
    )


def cached_speech_video(cache_dir: Path, minutes: float) -> Path:
    """About `minutes` of speech (a whole number of readings, at least one)."""
    source = speech_video(cache_dir / "speech")
    times = max(1, round(minutes * 60 / source.duration_seconds))
    path = cache_dir / f"speech-{times}x.mp4"
    if not path.is_file():
        print(f"generating {path.name} ...", flush=True)
        concatenate(source.path, path, times)
    return path
