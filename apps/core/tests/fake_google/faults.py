"""Recording every request, and the faults a test asks for, around every route."""

import asyncio
import json
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tests.fake_google.state import FakeGoogle, ReceivedRequest

DRIP_SECONDS = 0.1


class ConnectionCut(Exception):
    """Raised after half an answer: the server closes the connection, as a dropped one does."""


class RecordingAndFaults:
    def __init__(self, app: ASGIApp, google: FakeGoogle) -> None:
        self._app = app
        self._google = google

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = {key.decode(): value.decode() for key, value in scope["headers"]}
        body = b""
        if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            body = await _read_body(receive)
            receive = _replay(body)
        received = ReceivedRequest(
            method=scope["method"],
            path=scope["path"],
            query=dict(parse_qsl(scope["query_string"].decode())),
            form=dict(parse_qsl(body.decode())),
            headers=headers,
        )
        self._google.requests.append(received)
        send = _recording_status(send, received)
        fault = next((f for f in self._google.faults if scope["path"].startswith(f.path)), None)
        if fault is None:
            await self._app(scope, receive, send)
            return
        self._google.faults.remove(fault)
        if fault.kind == "drip":
            await _drip(send)
            return
        if fault.kind == "cut":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", b"4096"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b'{"access', "more_body": True})
            received.status = None
            raise ConnectionCut()
        unavailable = {
            "error": {
                "code": 503,
                "message": "The service is currently unavailable.",
                "status": "UNAVAILABLE",
            }
        }
        payload = json.dumps(unavailable).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": payload})


async def _drip(send: Send) -> None:
    """An answer that never ends: a byte every DRIP_SECONDS, for as long as the client waits."""
    start = {"type": "http.response.start", "status": 200, "headers": []}
    await send({**start, "headers": [(b"content-type", b"application/json")]})
    while True:
        await send({"type": "http.response.body", "body": b" ", "more_body": True})
        await asyncio.sleep(DRIP_SECONDS)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _recording_status(send: Send, received: ReceivedRequest) -> Send:
    async def recording(message: Message) -> None:
        if message["type"] == "http.response.start":
            received.status = message["status"]
        await send(message)

    return recording
