"""Whether the peer of a connection is a proxy listed in ECHO_TRUSTED_PROXIES.

Only such a peer may tell us, in X-Forwarded-*, who the client is and which host and
scheme it asked for; from anyone else those headers are the client's own claims.
"""

from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from starlette.requests import HTTPConnection

Networks = Sequence[IPv4Network | IPv6Network]


def parse_address(text: str) -> IPv4Address | IPv6Address | None:
    try:
        address = ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(address: str | None, proxies: Networks) -> bool:
    parsed = parse_address(address) if address else None
    return parsed is not None and any(parsed in network for network in proxies)


def peer_is_trusted(connection: HTTPConnection, proxies: Networks) -> bool:
    return connection.client is not None and is_trusted(connection.client.host, proxies)


def forwarded_value(connection: HTTPConnection, name: str, proxies: Networks) -> str | None:
    """The first X-Forwarded-<name> value, if the peer is trusted to send one."""
    if not peer_is_trusted(connection, proxies):
        return None
    first = connection.headers.get(f"x-forwarded-{name}", "").split(",")[0].strip()
    return first or None
