"""The client's address: the socket peer, or what a trusted proxy says in X-Forwarded-For."""

from starlette.requests import HTTPConnection

from echo_core.api.trusted_proxies import Networks, is_trusted, parse_address

UNKNOWN_ADDRESS = "unknown"


def client_address(connection: HTTPConnection, proxies: Networks) -> str:
    """Walks X-Forwarded-For from the right while the hop that added an entry is trusted.

    Each trusted proxy appends the address it was connected from, so the first entry
    not vouched for by a trusted proxy is the client; anything left of it is whatever
    the client chose to claim.
    """
    current = connection.client.host if connection.client else None
    hops = [
        hop.strip()
        for header in connection.headers.getlist("x-forwarded-for")
        for hop in header.split(",")
        if hop.strip()
    ]
    while current is not None and is_trusted(current, proxies) and hops:
        hop = hops.pop()
        if parse_address(hop) is None:
            # A trusted proxy appends an address, never anything else: stop at its word.
            break
        current = hop
    if current is None:
        return UNKNOWN_ADDRESS
    parsed = parse_address(current)
    # Canonical spelling, so one address is never counted under two names.
    return str(parsed) if parsed is not None else current[:64]
