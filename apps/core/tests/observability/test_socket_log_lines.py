"""A job socket gets a log line when it ends, as a request does when it is answered: the
route, how it ended (its close code), how long it was open, the client and the user."""

import json

import pytest
import websockets

from echo_core.config import Settings
from tests.conftest import Api
from tests.live_server import live_server
from tests.observability.log_capture import json_lines

ROUTE = "/api/ws/jobs"


def socket_lines(lines: list[dict[str, object]]) -> list[dict[str, object]]:
    return [
        line for line in lines if line["logger"] == "echo_core.request" and line["method"] == "WS"
    ]


async def test_a_signed_in_socket_is_logged_when_it_ends(api: Api, settings: Settings) -> None:
    token = await api.register("creator@example.com")
    quiet = settings.model_copy(update={"embedded_worker": False})
    with json_lines() as lines:
        async with live_server(quiet) as base_url:
            url = base_url.replace("http", "ws") + ROUTE
            async with websockets.connect(url) as socket:
                await socket.send(json.dumps({"type": "auth", "token": token}))
                assert json.loads(await socket.recv())["type"] == "ready"

    [line] = socket_lines(lines)
    assert (line["method"], line["route"], line["status"]) == ("WS", ROUTE, 1000)
    assert line["client"] == "127.0.0.1"
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"]
    me = await api.client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert line["user_id"] == me.json()["id"]


async def test_a_refused_socket_is_logged_with_its_close_code(settings: Settings) -> None:
    quiet = settings.model_copy(update={"embedded_worker": False})
    with json_lines() as lines:
        async with live_server(quiet) as base_url:
            url = base_url.replace("http", "ws") + ROUTE
            async with websockets.connect(url) as socket:
                await socket.send(json.dumps({"type": "auth", "token": "not-a-token"}))
                with pytest.raises(websockets.ConnectionClosed):
                    await socket.recv()

    [line] = socket_lines(lines)
    assert (line["method"], line["route"], line["status"]) == ("WS", ROUTE, 4401)
