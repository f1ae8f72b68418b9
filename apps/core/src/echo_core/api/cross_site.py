"""Refuse cross-site writes that ride on the session cookie.

The browser adds the `echo_session` cookie to requests whatever page starts them;
SameSite=Lax keeps it off most cross-site requests, and this check covers the rest
(sibling subdomains, older browsers). A write authenticated by the cookie must come
from a page on the API's own host (as the browser named it: Host, or X-Forwarded-Host
from a trusted proxy) or from a listed origin. Bearer tokens are never sent by a browser
on its own, so bearer requests are not checked.
"""

from starlette.requests import HTTPConnection, Request

from echo_core.api.trusted_proxies import forwarded_value
from echo_core.config import Settings
from echo_core.errors import ForbiddenError
from echo_core.origins import normalized_origin, origin_authority

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CROSS_SITE_REFUSED = "Cross-site request refused."


def ensure_same_site_write(request: Request, settings: Settings) -> None:
    if request.method not in UNSAFE_METHODS:
        return
    # Browsers send Origin with every write; Referer is the fallback some strip it to.
    sender = request.headers.get("origin") or request.headers.get("referer")
    # Neither header (or "null", from a sandboxed or privacy-sensitive context): refuse.
    if not sender or not is_own_or_allowed_origin(request, sender, settings):
        raise ForbiddenError(CROSS_SITE_REFUSED)


def is_own_or_allowed_origin(connection: HTTPConnection, sender: str, settings: Settings) -> bool:
    """Whether `sender` (an Origin or Referer) is a page on the API's own host or a listed
    origin; the job socket asks the same of a cookie-authenticated connection."""
    origin = normalized_origin(sender)
    if origin is None:
        return False
    if origin in settings.allowed_origins or origin in settings.cors_origins:
        return True
    own_host = forwarded_value(connection, "host", settings.trusted_proxies) or (
        connection.headers.get("host")
    )
    return own_host is not None and origin_authority(sender) == own_host.strip().lower()
