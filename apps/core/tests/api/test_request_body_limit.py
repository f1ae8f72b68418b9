"""JSON bodies are limited (ECHO_MAX_JSON_BODY_BYTES, 1 MiB): 413, stopped while reading.

Uploads stream to disk under their own limit (ECHO_MAX_UPLOAD_BYTES) and are not affected.
"""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

import av
import httpx
import numpy as np
import pytest

from echo_core.config import Settings
from tests.auth.test_auth import error_of
from tests.conftest import Api, AppFactory, auth
from tests.editing import editable_upload
from tests.live_server import live_server

LIMIT = 1024 * 1024
CHUNK = 64 * 1024
# Far more than any server should hold for a JSON request.
ENDLESS = 256 * 1024 * 1024


def oversized_edit() -> bytes:
    """A metadata edit just over the limit, padded with spaces JSON allows anywhere."""
    edit = json.dumps({"title": "Too big"}).encode()
    return edit[:-1] + b" " * (LIMIT - len(edit) + 1) + b"}"


def assert_too_large(response: httpx.Response) -> None:
    error = error_of(response, 413)
    assert error["code"] == "request_too_large"
    assert error["message"] == "The request body is larger than the limit of 1,048,576 bytes."


async def uploaded_video(api: Api, token: str, video: Path) -> str:
    video_id: str = (await editable_upload(api, token, video))["video_id"]
    return video_id


async def title_of(api: Api, token: str, video_id: str) -> str | None:
    detail = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    title: str | None = detail.json()["metadata"]["title"]
    return title


async def test_a_body_over_the_limit_is_refused(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = await uploaded_video(api, token, sample_mp4)
    at_limit = json.dumps({"title": "Fits"}).encode()
    at_limit = at_limit[:-1] + b" " * (LIMIT - len(at_limit)) + b"}"

    accepted = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers={**auth(token), "Content-Type": "application/json"},
        content=at_limit,
    )
    refused = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers={**auth(token), "Content-Type": "application/json"},
        content=oversized_edit(),
    )

    assert accepted.status_code == 200, accepted.text
    assert_too_large(refused)
    assert await title_of(api, token, video_id) == "Fits"


async def test_a_chunked_body_is_stopped_at_the_limit(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = await uploaded_video(api, token, sample_mp4)
    sent = 0

    async def endless_json() -> AsyncIterator[bytes]:
        # No Content-Length: the server only learns the size by reading.
        nonlocal sent
        opening = b'{"title": "'
        sent += len(opening)
        yield opening
        while sent < ENDLESS:
            sent += CHUNK
            yield b"a" * CHUNK

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers={**auth(token), "Content-Type": "application/json"},
        content=endless_json(),
    )

    assert_too_large(response)
    # Reading stopped at the limit: at most one chunk past it was taken from the client.
    assert sent <= LIMIT + 2 * CHUNK
    assert await title_of(api, token, video_id) is None


@pytest.mark.parametrize("route", ["register", "login"])
async def test_sign_in_bodies_are_limited_too(api: Api, route: str) -> None:
    body = json.dumps({"email": "alice@example.com", "password": "x" * LIMIT}).encode()

    response = await api.client.post(
        f"/api/auth/{route}", headers={"Content-Type": "application/json"}, content=body
    )

    assert_too_large(response)


async def test_the_limit_is_a_setting(make_api: AppFactory, settings: Settings) -> None:
    api = await make_api(settings.model_copy(update={"max_json_body_bytes": 100}))

    response = await api.client.post(
        "/api/auth/register",
        json={"email": "alice@example.com", "password": "correct horse battery staple" * 4},
    )

    error = error_of(response, 413)
    assert error["message"] == "The request body is larger than the limit of 100 bytes."


async def test_a_chunked_body_over_a_real_connection_gets_413(settings: Settings) -> None:
    quiet = settings.model_copy(update={"embedded_worker": False})
    async with live_server(quiet) as base_url:
        host, port = base_url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(
            b"POST /api/auth/login HTTP/1.1\r\nHost: echo.test\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )

        async def send_endlessly() -> None:
            # The server may stop reading (and close) once it has answered; that is the point.
            with contextlib.suppress(ConnectionError):
                chunk = b"a" * CHUNK
                for _ in range(ENDLESS // CHUNK):
                    writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    await writer.drain()

        sending = asyncio.create_task(send_endlessly())
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
            length = int(head.split(b"content-length: ")[1].split(b"\r\n")[0])
            body = await asyncio.wait_for(reader.readexactly(length), 60)
        finally:
            sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sending
            writer.close()

    assert head.startswith(b"HTTP/1.1 413 ")
    assert json.loads(body)["error"]["code"] == "request_too_large"


@pytest.fixture(scope="module")
def video_over_a_mebibyte(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Noise compresses badly, so a couple of seconds of it is several MiB."""
    path = tmp_path_factory.mktemp("big") / "noise.mp4"
    generator = np.random.default_rng(8)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for _ in range(75):
            picture = generator.integers(0, 256, (240, 320, 3), dtype=np.uint8)
            container.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(stream.encode(None))
    assert path.stat().st_size > LIMIT + LIMIT // 2
    return path


async def test_uploads_keep_their_own_limit(api: Api, video_over_a_mebibyte: Path) -> None:
    token = await api.register("creator@example.com")

    response = await api.upload(token, video_over_a_mebibyte)

    assert response.status_code == 201, response.text
