"""Reading Google's answers: JSON of bounded size, and what a failure means."""

import asyncio
import json
from typing import Any

import httpx

from echo_core.youtube.errors import GoogleRefused, GoogleUnavailable

# Connecting, sending and reading: the whole exchange may take this many per-request timeouts.
WHOLE_EXCHANGE_TIMEOUTS = 2
# Google's token and channel answers are a few hundred bytes; nothing larger is read.
MAX_ANSWER_BYTES = 256 * 1024


async def read_json(response: httpx.Response) -> Any:
    """The body of a streamed response as JSON; None when it is not JSON."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        if len(body) > MAX_ANSWER_BYTES:
            raise GoogleUnavailable(f"Google's answer was larger than {MAX_ANSWER_BYTES} bytes.")
    try:
        return json.loads(body)
    except ValueError:
        return None


async def send(client: httpx.AsyncClient, request: httpx.Request) -> tuple[int, Any]:
    """Send and read the answer; a cut connection, a timeout or a 5xx is GoogleUnavailable.

    httpx's timeouts bound each wait for a byte; an answer dripping in a byte at a time
    would never meet them, so the whole exchange is bounded too.
    """
    try:
        async with asyncio.timeout(_whole_exchange_seconds(client)):
            response = await client.send(request, stream=True)
            try:
                document = await read_json(response)
            finally:
                await response.aclose()
    except TimeoutError as error:
        raise GoogleUnavailable("Google took too long to answer.") from error
    except httpx.HTTPError as error:
        raise GoogleUnavailable(f"Google could not be reached: {type(error).__name__}.") from error
    if response.status_code >= 500:
        raise GoogleUnavailable(f"Google answered {response.status_code}; try again shortly.")
    return response.status_code, document


def oauth_error(status: int, document: Any) -> GoogleRefused:
    """Google's OAuth error answer, `{"error": ..., "error_description": ...}`."""
    if isinstance(document, dict) and isinstance(document.get("error"), str):
        description = document.get("error_description")
        return GoogleRefused(document["error"], str(description or f"HTTP {status}"))
    return GoogleRefused("unexpected_answer", f"HTTP {status}")


def google_client(timeout_seconds: float) -> httpx.AsyncClient:
    """A client for one exchange with Google; every request is bounded by the timeout."""
    return httpx.AsyncClient(timeout=timeout_seconds)


def _whole_exchange_seconds(client: httpx.AsyncClient) -> float:
    per_wait = client.timeout.read or client.timeout.connect or 60.0
    return per_wait * WHOLE_EXCHANGE_TIMEOUTS
