"""An app pointed at the fake Google and the fake YouTube uploads, a finished video of
several upload chunks, and an in-process worker that runs publications."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

from echo_core.config import Settings
from tests.conftest import Api, auth
from tests.fake_google import FakeGoogle
from tests.fake_google.youtube_uploads import GRANULE, FakeYouTube
from tests.workers import drain_queue, in_process_worker
from tests.youtube.conftest import PUBLIC_URL, connect_channel

CHUNK = GRANULE


def noisy_video(path: Path, seconds: float = 2.0) -> Path:
    """A video of random noise: it barely compresses, so two seconds are several chunks."""
    generator = np.random.default_rng(12)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for _ in range(int(seconds * 25)):
            picture = generator.integers(0, 255, (240, 320, 3), dtype=np.uint8)
            container.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(stream.encode(None))
    return path


def publishing_settings(
    settings: Settings, google: FakeGoogle, youtube: FakeYouTube, **overrides: Any
) -> Settings:
    client = google.register_client(f"{PUBLIC_URL}/api/youtube/callback")
    fields = google.settings_for(client, PUBLIC_URL)
    fields.update(
        youtube_api_url=youtube.base_url,
        youtube_chunk_bytes=CHUNK,
        youtube_retry_seconds=0.01,
        youtube_max_retries=3,
        **overrides,
    )
    return settings.model_copy(update=fields)


@dataclass
class FinishedVideo:
    token: str
    video_id: str
    original: bytes


async def connected_creator_with_finished_video(
    api: Api, video: Path, email: str = "creator@example.com"
) -> FinishedVideo:
    token = await api.register(email)
    connected = await connect_channel(api, token)
    assert connected.status_code in (302, 303, 307), connected.text
    with video.open("rb") as handle:
        uploaded = await api.client.post(
            "/api/videos",
            headers=auth(token),
            files={"file": (video.name, handle, "video/mp4")},
            data={"language": "en"},
        )
    assert uploaded.status_code == 201, uploaded.text
    await drain_queue(api)
    video_id: str = uploaded.json()["video_id"]
    return FinishedVideo(token, video_id, video.read_bytes())


async def publish(api: Api, creator: FinishedVideo, **choices: Any) -> dict[str, Any]:
    body = {"privacy_status": "unlisted", **choices}
    response = await api.client.post(
        f"/api/videos/{creator.video_id}/publish", headers=auth(creator.token), json=body
    )
    assert response.status_code == 202, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def publication(api: Api, creator: FinishedVideo) -> dict[str, Any]:
    response = await api.client.get(
        f"/api/videos/{creator.video_id}/publication", headers=auth(creator.token)
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def run_publications(api: Api) -> int:
    """Run queued publications with an in-process worker until none is runnable."""
    worker = in_process_worker(api)
    ran = 0
    while await worker.publish_one():
        ran += 1
    return ran


async def approved_texts(api: Api, creator: FinishedVideo) -> dict[str, Any]:
    response = await api.client.get(f"/api/videos/{creator.video_id}", headers=auth(creator.token))
    assert response.status_code == 200, response.text
    metadata: dict[str, Any] = response.json()["metadata"]
    return metadata
