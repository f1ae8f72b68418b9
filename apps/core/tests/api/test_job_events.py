"""`WS /api/ws/jobs`: each creator hears about their own jobs, and nobody else's."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy import delete
from websockets.exceptions import InvalidStatus
from websockets.frames import Close
from websockets.typing import Origin

from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.auth.tokens import TOKEN_EXPIRED
from echo_core.config import Settings
from echo_core.db import create_engine, create_session_factory
from echo_core.models.user import User
from echo_core.services.access_check_service import ACCOUNT_GONE
from tests.auth.test_auth import PASSWORD, echo_token
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


# The socket lives only as long as its token does, and a cookie opens it only from our pages.

SIGNED_OUT = "The access token was signed out; sign in again."
OWN_PAGE = "own page"


@pytest.fixture
def socket_settings(settings: Settings) -> Settings:
    # No worker needed; the token is checked again every 0.2 s.
    return settings.model_copy(update={"embedded_worker": False, "websocket_recheck_seconds": 0.2})


def socket_url(base_url: str) -> str:
    return base_url.replace("http", "ws") + "/api/ws/jobs"


@asynccontextmanager
async def ready_socket(
    base_url: str, token: str, via: str, origin: str = OWN_PAGE
) -> AsyncIterator[websockets.ClientConnection]:
    """A socket that has said "ready", signed in by the cookie or by its first message."""
    cookie = {"Cookie": f"{SESSION_COOKIE}={token}"} if via == "cookie" else None
    page = base_url if origin == OWN_PAGE else origin
    async with websockets.connect(
        socket_url(base_url), origin=Origin(page), additional_headers=cookie
    ) as socket:
        if via == "first-message":
            await socket.send(json.dumps({"type": "auth", "token": token}))
        assert json.loads(await socket.recv())["type"] == "ready"
        yield socket


async def closing(socket: websockets.ClientConnection) -> Close:
    """How the server closes the socket (a hang guard, not a bound: the close comes in ~0.2 s)."""
    async with asyncio.timeout(60):
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await socket.recv()
    assert closed.value.rcvd is not None
    return closed.value.rcvd


@pytest.mark.parametrize("via", ["first-message", "cookie"])
async def test_an_open_socket_is_closed_when_its_token_is_signed_out(
    socket_settings: Settings, via: str
) -> None:
    async with (
        live_server(socket_settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        token = await sign_up(client, "alice@example.com")
        async with ready_socket(base_url, token, via) as socket:
            signed_out = await client.post(
                "/api/auth/logout", headers={"Authorization": f"Bearer {token}"}
            )
            assert signed_out.status_code == 204
            closed = await closing(socket)

    assert (closed.code, closed.reason) == (4401, SIGNED_OUT)


async def test_an_open_socket_is_closed_when_its_token_expires(settings: Settings) -> None:
    # The default check interval (seconds) is far longer than this token's life.
    quiet = settings.model_copy(update={"embedded_worker": False})
    async with (
        live_server(quiet) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        registered = await client.post(
            "/api/auth/register", json={"email": "alice@example.com", "password": PASSWORD}
        )
        short_lived = echo_token(
            quiet, registered.json()["user"]["id"], lifetime=timedelta(seconds=2)
        )
        async with ready_socket(base_url, short_lived, "first-message") as socket:
            closed = await closing(socket)

    assert (closed.code, closed.reason) == (4401, TOKEN_EXPIRED)


async def test_an_open_socket_is_closed_when_its_account_is_deleted(
    socket_settings: Settings,
) -> None:
    async with (
        live_server(socket_settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        token = await sign_up(client, "alice@example.com")
        async with ready_socket(base_url, token, "first-message") as socket:
            await delete_user(socket_settings, "alice@example.com")
            closed = await closing(socket)

    assert (closed.code, closed.reason) == (4401, ACCOUNT_GONE)


async def delete_user(settings: Settings, email: str) -> None:
    """As an admin would: there is no deletion route yet."""
    engine = create_engine(settings.resolved_database_url)
    try:
        async with create_session_factory(engine)() as session:
            await session.execute(delete(User).where(User.email == email))
            await session.commit()
    finally:
        await engine.dispose()


@pytest.mark.parametrize("origin", ["https://evil.example", None])
async def test_a_cookie_socket_from_another_site_is_refused(
    socket_settings: Settings, origin: str | None
) -> None:
    async with (
        live_server(socket_settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        token = await sign_up(client, "alice@example.com")
        with pytest.raises(InvalidStatus) as refused:
            async with websockets.connect(
                socket_url(base_url),
                origin=Origin(origin) if origin else None,
                additional_headers={"Cookie": f"{SESSION_COOKIE}={token}"},
            ):
                pass

    assert refused.value.response.status_code == 403


async def test_a_cookie_socket_from_a_listed_origin_is_opened(socket_settings: Settings) -> None:
    listed = socket_settings.model_copy(update={"allowed_origins": ["https://studio.example.com"]})
    async with (
        live_server(listed) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        token = await sign_up(client, "alice@example.com")
        async with ready_socket(base_url, token, "cookie", origin="https://studio.example.com"):
            pass


async def test_a_token_sent_in_the_first_message_works_from_any_origin(
    socket_settings: Settings,
) -> None:
    # A browser never sends that message on its own: the page must hold the token.
    async with (
        live_server(socket_settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        token = await sign_up(client, "alice@example.com")
        async with ready_socket(
            base_url, token, "first-message", origin="https://elsewhere.example"
        ):
            pass
