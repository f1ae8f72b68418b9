"""One delivery attempt: POST the body, signed, to the address checked after DNS."""

import asyncio
import ipaddress
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from echo_core.webhooks.address_check import WebhookAddressError, resolve_allowed_address
from echo_core.webhooks.signature import signature_header

# What is read of a receiver's answer: enough to see it answered, never its whole body.
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "Echo-Webhooks/1"


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    error: str | None


async def post_signed(
    url: str, body: str, event_id: str, secret: str, allow_private: bool, limit_seconds: float
) -> PostResult:
    """Never raises for the receiver's faults: the result says what happened. The whole
    attempt (DNS, connecting, sending, reading) ends within `limit_seconds`."""
    try:
        return await asyncio.wait_for(
            _post(url, body.encode(), event_id, secret, allow_private, limit_seconds), limit_seconds
        )
    except TimeoutError:
        return PostResult(None, f"No answer within {limit_seconds:g} s.")


async def _post(
    url: str, body: bytes, event_id: str, secret: str, allow_private: bool, limit_seconds: float
) -> PostResult:
    try:
        address, _port = await resolve_allowed_address(url, allow_private)
    except WebhookAddressError as error:
        return PostResult(None, str(error))
    parts = urlsplit(url)
    host = parts.hostname or ""
    # Connect to the checked address itself; the name stays in Host and in TLS (SNI and
    # the certificate check), so the receiver sees an ordinary request for its name.
    literal = f"[{address}]" if isinstance(address, ipaddress.IPv6Address) else str(address)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    headers = {
        "Host": parts.netloc.rsplit("@", 1)[-1],
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Echo-Event-Id": event_id,
        "Echo-Signature": signature_header(secret, int(time.time()), body),
    }
    try:
        async with (
            httpx.AsyncClient(
                timeout=limit_seconds, follow_redirects=False, trust_env=False
            ) as client,
            client.stream(
                "POST", pinned, content=body, headers=headers, extensions={"sni_hostname": host}
            ) as response,
        ):
            await _read_some(response)
    except httpx.TimeoutException:
        return PostResult(None, f"No answer within {limit_seconds:g} s.")
    except httpx.HTTPError as error:
        return PostResult(None, f"Could not deliver: {type(error).__name__}: {error}"[:300])
    if 200 <= response.status_code < 300:
        return PostResult(response.status_code, None)
    return PostResult(response.status_code, f"The receiver answered {response.status_code}.")


async def _read_some(response: httpx.Response) -> None:
    read = 0
    async for chunk in response.aiter_raw():
        read += len(chunk)
        if read >= MAX_RESPONSE_BYTES:
            return
