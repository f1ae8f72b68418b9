"""The resumable protocol against a fake YouTube that is strict and misbehaves on command."""

import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from echo_core.storage.local import LocalStorage
from echo_core.youtube.errors import CONNECTION_LOST
from echo_core.youtube.resumable_upload import ResumableUpload, UploadSource, start_session
from echo_core.youtube.retrying import RetryPolicy
from echo_core.youtube.upload_errors import (
    CANNOT_UPLOAD_LONG,
    QUOTA_EXCEEDED,
    UNREACHABLE,
    YouTubeError,
)
from echo_core.youtube.video_resource import PrivacyStatus, PublishChoices, video_resource
from echo_core.youtube.youtube_client import YouTubeClient
from tests.fake_google.youtube_uploads import GRANULE, FakeYouTube, running_fake_youtube

CHUNK = GRANULE
# Four and a half chunks: the last is short, as a real file's is.
SIZE = 4 * CHUNK + 12_345


class FakeTokens:
    """Tokens issued by the fake, as the channel connection would get them from Google."""

    def __init__(self, fake: FakeYouTube) -> None:
        self.fake = fake
        self.refreshes = 0
        self.revoked = False

    async def access_token(self) -> str:
        return self.fake.issue_token()

    async def access_token_after_unauthorized(self) -> str:
        self.refreshes += 1
        if self.revoked:
            return "ya29.refused"
        return self.fake.issue_token()


@pytest.fixture
def fake() -> Iterator[FakeYouTube]:
    with running_fake_youtube() as server:
        yield server


@pytest.fixture
def original(tmp_path: Path) -> bytes:
    return os.urandom(SIZE)


@pytest.fixture
def source(tmp_path: Path, original: bytes) -> UploadSource:
    (tmp_path / "store" / "videos").mkdir(parents=True)
    (tmp_path / "store" / "videos" / "talk.mp4").write_bytes(original)
    return UploadSource(LocalStorage(tmp_path / "store"), "videos/talk.mp4", SIZE, "video/mp4")


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


def resource() -> dict[str, object]:
    choices = PublishChoices(PrivacyStatus.UNLISTED, None, None, made_for_kids=False)
    return video_resource("My talk", "About things.\n\n0:00 Intro", ["talk"], "en", choices)


async def publish(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource, tokens: FakeTokens
) -> tuple[dict[str, object], list[int]]:
    """Start a session and upload `source` through it, as a worker does."""
    client = YouTubeClient(http, fake.base_url, tokens, RetryPolicy(4, 0.01))
    session = await start_session(client, resource(), source)
    progress: list[int] = []

    async def on_progress(confirmed: int) -> None:
        progress.append(confirmed)

    video = await ResumableUpload(client, session, source, CHUNK, on_progress).run(resuming=False)
    return video, progress


async def test_youtube_receives_the_original_bytes_in_chunks(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource, original: bytes
) -> None:
    video, progress = await publish(http, fake, source, FakeTokens(fake))
    assert fake.uploaded_bytes() == original
    assert video["id"] == fake.videos[0].video_id
    assert [chunk.length for chunk in fake.chunks] == [CHUNK] * 4 + [12_345]
    assert progress == [CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK, SIZE]
    assert fake.refused == []


async def test_a_cut_in_the_middle_of_a_chunk_resumes_the_same_session(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource, original: bytes
) -> None:
    # The third chunk is cut after 100,000 bytes, which YouTube keeps.
    fake.cuts = {3: 100_000}
    await publish(http, fake, source, FakeTokens(fake))
    assert fake.uploaded_bytes() == original
    assert len(fake.sessions) == 1
    assert fake.status_queries == 1
    # Resumed where YouTube stopped, never from the first byte again.
    resumed_at = 2 * CHUNK + 100_000
    assert [chunk.start for chunk in fake.chunks] == [
        0,
        CHUNK,
        2 * CHUNK,
        resumed_at,
        resumed_at + CHUNK,
    ]
    assert fake.refused == []


async def test_a_503_is_retried_from_what_youtube_holds(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource, original: bytes
) -> None:
    fake.failures = {2: 503, 3: 503}
    await publish(http, fake, source, FakeTokens(fake))
    assert fake.uploaded_bytes() == original
    assert len(fake.sessions) == 1
    assert fake.status_queries == 2
    assert [chunk.start for chunk in fake.chunks][:4] == [0, CHUNK, CHUNK, CHUNK]


async def test_endless_503s_give_up_with_a_message(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource
) -> None:
    fake.failures = {number: 503 for number in range(1, 50)}
    with pytest.raises(YouTubeError) as raised:
        await publish(http, fake, source, FakeTokens(fake))
    assert raised.value.message == UNREACHABLE.format(detail="HTTP 503")
    assert not raised.value.permanent
    assert len(fake.chunks) == 5  # the first try and four retries


async def test_a_token_that_expires_between_chunks_is_refreshed_once(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource, original: bytes
) -> None:
    tokens = FakeTokens(fake)
    fake.expire_tokens_after_chunk = 2
    await publish(http, fake, source, tokens)
    assert fake.uploaded_bytes() == original
    assert tokens.refreshes == 1
    assert len(fake.sessions) == 1


async def test_a_revoked_token_asks_the_creator_to_connect_again(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource
) -> None:
    tokens = FakeTokens(fake)
    tokens.revoked = True
    fake.expire_tokens_after_chunk = 1
    with pytest.raises(YouTubeError) as raised:
        await publish(http, fake, source, tokens)
    assert raised.value.message == CONNECTION_LOST
    assert raised.value.permanent
    assert tokens.refreshes == 1


async def test_quota_exceeded_says_when_to_try_again(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource
) -> None:
    fake.quota_exceeded = True
    with pytest.raises(YouTubeError) as raised:
        await publish(http, fake, source, FakeTokens(fake))
    assert raised.value.message == QUOTA_EXCEEDED
    assert "midnight Pacific" in raised.value.message
    assert raised.value.permanent
    assert fake.sessions == []


async def test_a_channel_that_cannot_upload_long_videos_is_told_to_verify(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource
) -> None:
    fake.refuse_long_videos = True
    with pytest.raises(YouTubeError) as raised:
        await publish(http, fake, source, FakeTokens(fake))
    assert raised.value.message == CANNOT_UPLOAD_LONG
    assert "youtube.com/verify" in raised.value.message


async def test_resuming_a_finished_session_makes_no_second_video(
    http: httpx.AsyncClient, fake: FakeYouTube, source: UploadSource
) -> None:
    video, _ = await publish(http, fake, source, FakeTokens(fake))
    client = YouTubeClient(http, fake.base_url, FakeTokens(fake), RetryPolicy(2, 0.01))
    session = fake.session_uri(fake.sessions[0])

    async def ignore(_confirmed: int) -> None:
        return None

    again = await ResumableUpload(client, session, source, CHUNK, ignore).run(resuming=True)
    assert again["id"] == video["id"]
    assert len(fake.videos) == 1
    assert len(fake.chunks) == 5


async def test_an_answer_that_drips_a_byte_at_a_time_cannot_hold_the_upload(
    fake: FakeYouTube, source: UploadSource, original: bytes
) -> None:
    # Each byte comes well within the 0.2 s wait for the next, the whole answer in 40 s.
    fake.drips = {2: 0.1}
    async with httpx.AsyncClient(timeout=0.2) as http:
        started = time.monotonic()
        await publish(http, fake, source, FakeTokens(fake))
    assert time.monotonic() - started < 10
    assert fake.uploaded_bytes() == original
    assert len(fake.sessions) == 1
