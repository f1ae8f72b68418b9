"""Which address a request comes from: X-Forwarded-For counts only from trusted proxies."""

from ipaddress import IPv4Network, IPv6Network

import pytest
from starlette.requests import Request

from echo_core.api.client_address import client_address

PROXIES = [IPv4Network("127.0.0.1/32"), IPv4Network("10.0.0.0/8"), IPv6Network("::1/128")]


def request_from(peer: str | None, forwarded_for: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded_for.encode())] if forwarded_for else []
    return Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/api/auth/login",
            "headers": headers,
            "client": (peer, 50000) if peer else None,
        }
    )


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("203.0.113.7", None, "203.0.113.7"),
        # A client that is not a trusted proxy says what it likes; it is not believed.
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # The web app's server appends its peer to what the client claimed: the claim is
        # left of the address the trusted proxy saw, and is ignored.
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # Several trusted proxies in a row: the first untrusted hop is the client.
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),
        # Every hop trusted: the leftmost is as far as anyone vouches.
        ("127.0.0.1", "10.1.2.3", "10.1.2.3"),
        # A trusted proxy never writes anything but addresses; garbage ends the walk.
        ("127.0.0.1", "198.51.100.1, not-an-address", "127.0.0.1"),
        ("::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("::1", "2001:db8::0:1", "2001:db8::1"),
        ("127.0.0.1", None, "127.0.0.1"),
        (None, "198.51.100.1", "unknown"),
        ("testclient", "198.51.100.1", "testclient"),
    ],
)
def test_client_address(peer: str | None, forwarded_for: str | None, expected: str) -> None:
    assert client_address(request_from(peer, forwarded_for), PROXIES) == expected


def test_nothing_is_trusted_when_no_proxies_are_listed() -> None:
    assert client_address(request_from("127.0.0.1", "198.51.100.1"), []) == "127.0.0.1"
