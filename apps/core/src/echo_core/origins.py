"""Web origins (`scheme://host[:port]`) in one spelling, so they compare as strings."""

from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _scheme_and_authority(url: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    if port is None or port == _DEFAULT_PORTS[parts.scheme]:
        return parts.scheme, host
    return parts.scheme, f"{host}:{port}"


def normalized_origin(url: str) -> str | None:
    """The origin of an http(s) URL, lower-case, without a default port; None if it has none.

    The path is dropped, so a Referer gives the origin of the page that sent it.
    """
    parsed = _scheme_and_authority(url)
    return f"{parsed[0]}://{parsed[1]}" if parsed else None


def origin_authority(url: str) -> str | None:
    """`host[:port]` of an http(s) URL, spelled as a Host header names it."""
    parsed = _scheme_and_authority(url)
    return parsed[1] if parsed else None
