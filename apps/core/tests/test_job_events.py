"""`WS /api/ws/jobs`: each creator hears about their own jobs, and nobody else's."""

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from echo_core.config import Settings
from tests.live_server import live_server


async def sign_up(client: httpx.AsyncClient, email: str) -> str:
    response = await client.post(
        "/api/auth/register", json={"email": email, "password": "correct horse battery"}
    )
    token: str = response.json()["access_token"]
    return token


async def upload(client: httpx.AsyncClient, token: str, video: Path) -> dict[str, Any]:
    with video.open("rb") as handle:
        response = await client.post(
            "/api/videos",
            headers={"Authorization": f"Bearer {token}"},
            files={"file": ("clip.mp4", handle, "video/mp4")},
        )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def receive_until(
    socket: websockets.ClientConnection, predicate: Any, within_seconds: float = 60
) -> list[dict[str, Any]]:
    received: list[dict[str, Any]] = []
    async with asyncio.timeout(within_seconds):
        while True:
            message = json.loads(await socket.recv())
            received.append(message)
            if predicate(message):
                return received


@pytest.fixture
def live_settings(settings: Settings) -> Settings:
    # The embedded worker runs the real pipeline, quickly on a silent short clip.
    return settings.model_copy(
        update={"asr_engine": "pocketsphinx", "text_engine": "local", "worker_poll_seconds": 0.2}
    )


async def test_each_user_hears_only_their_own_jobs(
    live_settings: Settings, sample_mp4: Path
) -> None:
    async with (
        live_server(live_settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        alice = await sign_up(client, "alice@example.com")
        bob = await sign_up(client, "bob@example.com")
        ws_url = base_url.replace("http", "ws") + "/api/ws/jobs"
        async with (
            websockets.connect(ws_url) as alice_socket,
            websockets.connect(ws_url) as bob_socket,
        ):
            for socket, token in ((alice_socket, alice), (bob_socket, bob)):
                await socket.send(json.dumps({"type": "auth", "token": token}))
                assert json.loads(await socket.recv())["type"] == "ready"

            uploaded = await upload(client, alice, sample_mp4)
            heard = await receive_until(
                alice_socket,
                lambda message: (
                    message.get("job_id") == uploaded["job_id"]
                    and message.get("status") == "COMPLETED"
                ),
            )
            bob_upload = await upload(client, bob, sample_mp4)
            bob_heard = await receive_until(
                bob_socket, lambda message: message.get("status") == "COMPLETED"
            )

    assert {message["job_id"] for message in heard} == {uploaded["job_id"]}
    stages_seen = {message["stage"] for message in heard if message.get("stage")}
    assert {"probe", "transcribe", "thumbnails"} <= stages_seen
    assert any(0 < (message.get("progress") or 0) <= 1 for message in heard)
    # Bob heard about his job and never about Alice's, though hers ran while he listened.
    assert {message["job_id"] for message in bob_heard} == {bob_upload["job_id"]}


async def test_socket_without_valid_credentials_is_closed(live_settings: Settings) -> None:
    async with live_server(live_settings) as base_url:
        ws_url = base_url.replace("http", "ws") + "/api/ws/jobs"
        async with websockets.connect(ws_url) as socket:
            await socket.send(json.dumps({"type": "auth", "token": "not-a-token"}))
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await socket.recv()

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
