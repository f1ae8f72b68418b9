"""Where a webhook may send: http(s) to public addresses only, unless the operator allows
private ones. Checked when a webhook is made and again, after DNS, at each delivery; the
delivery then connects to the very address checked, so a name that resolves differently
the second time (DNS rebinding) cannot reach an internal service."""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_WEBHOOK_URL_LENGTH = 2048
DNS_TIMEOUT_SECONDS = 5.0


class WebhookAddressError(ValueError):
    """A URL a webhook may not send to, with the reason in words."""


def check_url_shape(url: str) -> tuple[str, str, int]:
    """The URL's scheme, host and port; WebhookAddressError if it is not one to send to."""
    if len(url) > MAX_WEBHOOK_URL_LENGTH:
        raise WebhookAddressError("The URL is too long.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise WebhookAddressError("The URL is not valid.") from error
    if parts.scheme not in ("http", "https"):
        raise WebhookAddressError("Only http and https URLs can receive webhooks.")
    if not parts.hostname:
        raise WebhookAddressError("The URL names no host.")
    if parts.username or parts.password:
        raise WebhookAddressError("The URL must not carry a user name or password.")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def is_public(address: IPAddress) -> bool:
    """Not private, loopback, link-local, unspecified, reserved or shared (is_global says
    all that), nor multicast; an IPv4 address mapped into IPv6 is judged as itself."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


async def resolve_allowed_address(url: str, allow_private: bool) -> tuple[IPAddress, int]:
    """One address of the URL's host that may be sent to, and the port."""
    _scheme, host, port = check_url_shape(url)
    try:
        # Bounded: a name server that never answers must not hold a request open.
        async with asyncio.timeout(DNS_TIMEOUT_SECONDS):
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
    except (socket.gaierror, UnicodeError, TimeoutError) as error:
        raise WebhookAddressError(f"The host {host} could not be resolved.") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise WebhookAddressError(f"The host {host} could not be resolved.")
    # Every address must pass: the connection could otherwise be steered to the one that
    # does not by listing it first.
    if not allow_private and not all(is_public(address) for address in addresses):
        raise WebhookAddressError(
            f"The host {host} resolves to a private, loopback or link-local address; "
            "webhooks go to public addresses only."
        )
    return addresses[0], port
