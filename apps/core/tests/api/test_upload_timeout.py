"""An upload is allowed ECHO_UPLOAD_TIMEOUT_SECONDS in all: one still arriving after that
is stopped, so a partial upload older than that can only be a leftover."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

from tests.api.test_uploads import assert_nothing_kept
from tests.conftest import AppFactory, auth

TIMEOUT_SECONDS = 1.0
BOUNDARY = "slowupload"


async def trickle(video: Path) -> AsyncIterator[bytes]:
    """Half the video, then a client that stops sending and never ends its request."""
    data = video.read_bytes()
    yield (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="clip.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    yield data[: len(data) // 2]
    await asyncio.sleep(3600)
    yield data[len(data) // 2 :] + f"\r\n--{BOUNDARY}--\r\n".encode()


async def test_an_upload_that_takes_too_long_is_stopped_and_nothing_kept(
    make_api: AppFactory, settings: object, sample_mp4: Path
) -> None:
    api = await make_api(
        settings.model_copy(update={"upload_timeout_seconds": TIMEOUT_SECONDS})  # type: ignore[attr-defined]
    )
    token = await api.register("creator@example.com")

    async with asyncio.timeout(60):  # instead of the hour the client would hold on
        response = await api.client.post(
            "/api/videos",
            headers={**auth(token), "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
            content=trickle(sample_mp4),
        )

    assert response.status_code == 408
    error = response.json()["error"]
    assert error["code"] == "upload_timeout"
    assert "1-second limit" in error["message"]
    await assert_nothing_kept(api)
