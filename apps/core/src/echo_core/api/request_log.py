"""One log line and the metrics for each HTTP request, and its request id.

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


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp, templates: RouteTemplates) -> None:
        self.app = app
        self.templates = templates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
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
            method = scope["method"]
            record_request(route, method, status, seconds)
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
