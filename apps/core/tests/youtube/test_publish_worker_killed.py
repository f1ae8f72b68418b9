"""A worker process killed (SIGKILL) in the middle of an upload: the next worker asks the
saved upload session how much it holds and sends the rest there. One session, one video,
the original bytes, and nothing sent twice from the start."""

import asyncio
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from echo_core.config import Settings
from tests.conftest import Api, AppFactory
from tests.fake_google import FakeGoogle
from tests.fake_google.youtube_uploads import FakeYouTube, running_fake_youtube
from tests.workers import kill_worker_process, start_worker_process
from tests.youtube.publishing import (
    connected_creator_with_finished_video,
    noisy_video,
    publication,
    publish,
    publishing_settings,
)

LEASE_SECONDS = 2


@pytest.fixture
def youtube(google: FakeGoogle) -> Iterator[FakeYouTube]:
    with running_fake_youtube(google) as fake:
        yield fake


def worker_settings(settings: Settings) -> dict[str, str]:
    """The publishing settings as the worker process reads them: ECHO_* variables."""
    secret = settings.google_client_secret
    return {
        "ECHO_GOOGLE_CLIENT_ID": settings.google_client_id or "",
        "ECHO_GOOGLE_CLIENT_SECRET": secret.get_secret_value() if secret else "",
        "ECHO_PUBLIC_URL": settings.public_url,
        "ECHO_GOOGLE_TOKEN_URL": settings.google_token_url,
        "ECHO_GOOGLE_AUTH_URL": settings.google_auth_url,
        "ECHO_GOOGLE_REVOKE_URL": settings.google_revoke_url,
        "ECHO_YOUTUBE_API_URL": settings.youtube_api_url,
        "ECHO_YOUTUBE_CHUNK_BYTES": str(settings.youtube_chunk_bytes),
        "ECHO_YOUTUBE_RETRY_SECONDS": "0.05",
        "ECHO_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
    }


async def wait_until(condition: Callable[[], object], within_seconds: float) -> None:
    deadline = time.monotonic() + within_seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_worker_killed_mid_upload_is_resumed_in_the_same_session(
    make_api: AppFactory,
    settings: Settings,
    google: FakeGoogle,
    youtube: FakeYouTube,
    tmp_path: Path,
) -> None:
    api: Api = await make_api(publishing_settings(settings, google, youtube))
    video = noisy_video(tmp_path / "talk.mp4", seconds=3)
    creator = await connected_creator_with_finished_video(api, video)
    # Slow enough to kill the worker between its chunks.
    youtube.seconds_per_chunk = 0.5
    await publish(api, creator)
    environment = worker_settings(api.settings)

    first = start_worker_process(api.settings, tmp_path / "first.log", **environment)
    try:
        await wait_until(lambda: len(youtube.chunks) >= 3, within_seconds=60)
    finally:
        kill_worker_process(first, signal.SIGKILL)
    sent_before_kill = len(youtube.chunks)
    held_at_kill = len(youtube.sessions[0].received)
    assert 0 < held_at_kill < len(creator.original)
    youtube.seconds_per_chunk = 0

    second = start_worker_process(api.settings, tmp_path / "second.log", **environment)
    try:
        await wait_until(lambda: youtube.videos and youtube.thumbnails, within_seconds=60)
        for _ in range(100):
            if (await publication(api, creator))["status"] == "COMPLETED":
                break
            await asyncio.sleep(0.1)
    finally:
        kill_worker_process(second, signal.SIGTERM)

    done = await publication(api, creator)
    assert done["status"] == "COMPLETED", (tmp_path / "second.log").read_text()
    assert len(youtube.sessions) == 1
    assert len(youtube.videos) == 1
    assert youtube.uploaded_bytes() == creator.original
    assert youtube.status_queries >= 1
    resumed = youtube.chunks[sent_before_kill:]
    # The second worker went on from what YouTube held, never from the first byte.
    assert resumed[0].start >= held_at_kill > 0
    assert [chunk.start for chunk in youtube.chunks].count(0) == 1
    assert youtube.refused == []
