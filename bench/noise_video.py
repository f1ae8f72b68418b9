"""Real H.264 MP4 files of a chosen size: random-noise frames encoded at high quality.

Noise barely compresses, so about 100 frames of 1280x720 make 200 MiB in a second or two.
"""

from pathlib import Path

import av
import numpy as np

WIDTH, HEIGHT, FPS = 1280, 720, 25


def make_noise_video(path: Path, target_bytes: int) -> Path:
    """Encode frames until the packets add up to `target_bytes`; write atomically."""
    partial = path.with_name(path.name + ".partial")
    rng = np.random.default_rng(seed=0)
    written = 0
    try:
        with av.open(str(partial), mode="w", format="mp4") as container:
            stream = container.add_stream(
                "libx264",
                rate=FPS,
                # zerolatency: packets come out frame by frame, so the size lands on target.
                options={"preset": "ultrafast", "tune": "zerolatency", "qp": "4"},
            )
            stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
            index = 0
            while written < target_bytes:
                planes = rng.integers(0, 256, (HEIGHT * 3 // 2, WIDTH), dtype=np.uint8)
                frame = av.VideoFrame.from_ndarray(planes, format="yuv420p")
                frame.pts = index
                index += 1
                for packet in stream.encode(frame):
                    written += packet.size
                    container.mux(packet)
            container.mux(stream.encode(None))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def cached_noise_video(cache_dir: Path, size_mib: int) -> Path:
    path = cache_dir / f"noise-{size_mib}MiB.mp4"
    if not path.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} ...", flush=True)
        make_noise_video(path, size_mib * 1024**2)
    return path
