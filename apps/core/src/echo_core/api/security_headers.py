"""Headers that tell browsers how to treat API responses, set in one place."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Every response: never sniffed into another type (a JSON answer never runs as a script),
# no Referer carrying API URLs elsewhere, never framed (no clickjacking of /docs).
BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# JSON is data, never a page: if one is opened as a document, nothing in it may load or run.
JSON_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
# Answers under here carry tokens and account details, which no cache may keep.
NO_STORE_PATH = "/api/auth/"


def json_security_headers() -> dict[str, str]:
    """For responses sent outside the middleware (the 500 handler runs beyond it)."""
    return BASE_HEADERS | {"Content-Security-Policy": JSON_CONTENT_SECURITY_POLICY}


class SecurityHeadersMiddleware:
    """Adds the headers to HTTP responses, keeping any a route set deliberately."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = str(scope["path"]).startswith(NO_STORE_PATH)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in BASE_HEADERS.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("application/json"):
                    headers.setdefault("Content-Security-Policy", JSON_CONTENT_SECURITY_POLICY)
                if no_store:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
