"""One log line and the metrics for each HTTP request, and its request id; one log line
for each job socket when it ends.

Outermost of the app's own middleware, so it times everything below and sees the status
actually sent. The route is the template a route was declared with (`/api/videos/{video_id}`),
never the path itself, so ids do not end up as metric labels.
"""

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from echo_core.api.client_address import client_address
from echo_core.api.request_id import REQUEST_ID_HEADER, request_id_from
from echo_core.api.route_templates import RouteTemplates
from echo_core.api.state import AppState
from echo_core.observability.metrics import record_request
from echo_core.observability.request_facts import open_request_facts

logger = logging.getLogger("echo_core.request")


# A socket that ends without a close frame either way: the code WebSocket reserves for it.
ABNORMAL_CLOSURE = 1006


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp, templates: RouteTemplates) -> None:
        self.app = app
        self.templates = templates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._request(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._socket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _request(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        facts = open_request_facts(request_id_from(Headers(scope=scope).get(REQUEST_ID_HEADER)))
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = facts.request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = self.templates.of_request(scope)
            record_request(route, scope["method"], status, seconds)
            self._log(scope, scope["method"], route, status, seconds)

    async def _socket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """One line when the socket ends, its status the close code (whoever closed), and
        no request metrics: a socket open for an hour would swamp the duration histogram."""
        started = time.perf_counter()
        open_request_facts(request_id_from(Headers(scope=scope).get(REQUEST_ID_HEADER)))
        close_code: int | None = None

        async def noting_receive() -> Message:
            nonlocal close_code
            message = await receive()
            if message["type"] == "websocket.disconnect" and close_code is None:
                close_code = message.get("code", ABNORMAL_CLOSURE)
            return message

        async def noting_send(message: Message) -> None:
            nonlocal close_code
            if message["type"] == "websocket.close" and close_code is None:
                close_code = message.get("code", 1000)
            await send(message)

        try:
            await self.app(scope, noting_receive, noting_send)
        finally:
            seconds = time.perf_counter() - started
            route = self.templates.of_request(scope)
            self._log(scope, "WS", route, close_code or ABNORMAL_CLOSURE, seconds)

    @staticmethod
    def _log(scope: Scope, method: str, route: str, status: int, seconds: float) -> None:
        state: AppState = scope["app"].state.echo
        logger.info(
            "%s %s %d",
            method,
            route,
            status,
            extra={
                "method": method,
                "route": route,
                "path": scope["path"],
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "client": client_address(
                    HTTPConnection(scope), state.runtime.settings.trusted_proxies
                ),
            },
        )
