"""Range headers no file could satisfy, however many digits they carry, answer 416.

Python refuses to turn more than 4300 digits into an int, so a position written with
thousands of digits used to escape as a 500 that reset the connection.
"""

from pathlib import Path

import httpx
import pytest

from echo_core.config import Settings
from tests.auth.test_auth import error_of
from tests.conftest import Api, auth
from tests.live_server import live_server
from tests.workers import drain_queue

MANY_DIGITS = "9" * 5000
HOSTILE_RANGES = [
    pytest.param(f"bytes=0-{MANY_DIGITS}", id="last-position"),
    pytest.param(f"bytes={MANY_DIGITS}-", id="first-position"),
    pytest.param(f"bytes={MANY_DIGITS}-{MANY_DIGITS}", id="both-positions"),
    pytest.param(f"bytes=-{MANY_DIGITS}", id="suffix-length"),
    pytest.param(f"bytes=0-{'0' * 5000}1", id="leading-zeros"),
]


def assert_unsatisfiable(response: httpx.Response, size: int) -> None:
    error = error_of(response, 416)
    assert error["code"] == "range_not_satisfiable"
    assert response.headers["content-range"] == f"bytes */{size}"


@pytest.mark.parametrize("hostile_range", HOSTILE_RANGES)
async def test_original_answers_416_over_a_real_connection(
    settings: Settings, sample_mp4: Path, hostile_range: str
) -> None:
    quiet = settings.model_copy(update={"embedded_worker": False})
    async with live_server(quiet) as base_url, httpx.AsyncClient(base_url=base_url) as client:
        registered = await client.post(
            "/api/auth/register",
            json={"email": "creator@example.com", "password": "correct horse battery"},
        )
        token = registered.json()["access_token"]
        with sample_mp4.open("rb") as video:
            uploaded = await client.post(
                "/api/videos", headers=auth(token), files={"file": ("clip.mp4", video)}
            )
        url = f"/api/videos/{uploaded.json()['video_id']}/original"

        refused = await client.get(url, headers={**auth(token), "Range": hostile_range})
        after = await client.get(url, headers={**auth(token), "Range": "bytes=0-9"})

    assert_unsatisfiable(refused, sample_mp4.stat().st_size)
    # The connection was answered, not reset: the next request on it is served as usual.
    assert after.status_code == 206
    assert after.content == sample_mp4.read_bytes()[:10]


async def test_every_file_served_by_range_answers_416(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    uploaded = await api.upload(token, sample_mp4)
    video_id = uploaded.json()["video_id"]
    await drain_queue(api)

    for name in ("original", "subtitles.srt", "subtitles.vtt", "thumbnails/0.jpg"):
        url = f"/api/videos/{video_id}/{name}"
        whole = await api.client.get(url, headers=auth(token))
        assert whole.status_code == 200, (name, whole.text)
        for hostile_range in (param.values[0] for param in HOSTILE_RANGES):
            response = await api.client.get(
                url, headers={**auth(token), "Range": str(hostile_range)}
            )
            assert_unsatisfiable(response, len(whole.content))
