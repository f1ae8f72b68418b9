"""The clip every simulated user uploads: 2 s of moving picture without sound, the
shortest real job the pipeline runs (no speech to decode), so the queue keeps up."""

from pathlib import Path

import av
import numpy as np

WIDTH, HEIGHT, FPS, SECONDS = 160, 120, 10, 2


def make_clip(path: Path) -> Path:
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        for index in range(FPS * SECONDS):
            picture = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
            picture[:, :, 0] = (index * 11) % 255
            picture[HEIGHT // 4 : HEIGHT // 2, (index * 7) % WIDTH :, 1] = 200
            container.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(stream.encode(None))
    return path
