"""Cross-origin access, off unless ECHO_CORS_ORIGINS lists origins.

The web app reaches the API through its own server (same origin), so it needs none.
Listed origins may call with credentials (cookie or Authorization); any other origin
gets no CORS headers at all, so browsers keep its pages from reading the answers.
"""

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from echo_core.origins import normalized_origin

ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
ALLOWED_HEADERS = "Authorization, Content-Type, Range, X-Request-ID"
# Readable by the calling page beyond the CORS-safelisted ones.
EXPOSED_HEADERS = "Content-Disposition, Content-Range, Accept-Ranges, Retry-After, X-Request-ID"
PREFLIGHT_MAX_AGE_SECONDS = "600"


class CorsMiddleware:
    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.origins = frozenset(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        origin = request_headers.get("origin")
        listed = origin is not None and normalized_origin(origin) in self.origins
        if listed and _is_preflight(scope, request_headers):
            preflight = Response(status_code=204, headers=_preflight_headers(str(origin)))
            await preflight(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                # Answers differ by Origin, so shared caches must keep them apart.
                headers.add_vary_header("Origin")
                if listed:
                    headers["Access-Control-Allow-Origin"] = str(origin)
                    headers["Access-Control-Allow-Credentials"] = "true"
                    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_preflight(scope: Scope, headers: Headers) -> bool:
    return scope["method"] == "OPTIONS" and "access-control-request-method" in headers


def _preflight_headers(origin: str) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS,
        "Vary": "Origin",
    }
