"""A real HTTP server on 127.0.0.1 that receives webhooks as a creator's service would:
it keeps every request (headers, raw body, arrival time) and answers as each test scripts
it, including the ways real receivers misbehave: errors, and hanging without an answer."""

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.thread_server import asgi_app_on_a_thread


@dataclass(frozen=True)
class Reply:
    status: int = 200
    delay_seconds: float = 0.0


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    at: float

    def json(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class FakeWebhookReceiver:
    url: str = ""
    # Used in order; once used up, every request gets a plain 200.
    replies: list[Reply] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.app = Starlette(routes=[Route("/hooks/echo", self._receive, methods=["POST"])])
        self._arrived = threading.Condition()

    def wait_for_requests(self, count: int, within_seconds: float) -> None:
        """Block (in a thread) until `count` requests have come in; TimeoutError if not."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.received) >= count, within_seconds):
                raise TimeoutError(f"{len(self.received)} of {count} requests arrived")

    async def _receive(self, request: Request) -> Response:
        arrived = Received(dict(request.headers), await request.body(), time.monotonic())
        with self._arrived:
            self.received.append(arrived)
            self._arrived.notify_all()
        reply = self.replies.pop(0) if self.replies else Reply()
        await asyncio.sleep(reply.delay_seconds)
        return Response(status_code=reply.status)


def signature_is_valid(received: Received, secret: str, tolerance_seconds: float = 300) -> bool:
    """What a receiver does: recompute the HMAC of "<t>.<raw body>" with its secret, compare
    in constant time, and refuse a timestamp far from now (a replay)."""
    fields = dict(part.split("=", 1) for part in received.headers["echo-signature"].split(","))
    timestamp = fields["t"]
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + received.body, hashlib.sha256
    ).hexdigest()
    fresh = abs(time.time() - int(timestamp)) <= tolerance_seconds
    return fresh and hmac.compare_digest(expected, fields["v1"])


@contextmanager
def running_webhook_receiver() -> Iterator[FakeWebhookReceiver]:
    receiver = FakeWebhookReceiver()
    with asgi_app_on_a_thread("the webhook receiver", receiver.app) as base_url:
        receiver.url = f"{base_url}/hooks/echo"
        yield receiver
