"""Echo's own tokens already verified, remembered by their exact text.

A client sends the same token on every request for as long as it lives, and verifying it
again each time (PyJWT checks every character of it, then the HMAC and the claims) costs
more Python than the rest of a small request. What verification found is a pure function of
the token's text and Echo's secret, except for the expiry, so an entry is served only while
its token has not expired. Signing out and a deleted account are not verification's
business: they are read from the database on every request (AccessCheckService).

Only tokens that verified are kept, and at most `capacity` of them (the least recently used
go first), so no input can make the memory grow.
"""

from collections import OrderedDict

from echo_core.auth.principal import Principal
from echo_core.models.base import utcnow


class VerifiedTokens:
    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._principals: OrderedDict[str, Principal] = OrderedDict()

    def get(self, token: str) -> Principal | None:
        """The token's principal if it verified before and has not expired since."""
        principal = self._principals.get(token)
        if principal is None:
            return None
        expires = principal.token_expires_at
        if expires is not None and expires <= utcnow():
            del self._principals[token]
            return None
        self._principals.move_to_end(token)
        return principal

    def remember(self, token: str, principal: Principal) -> None:
        self._principals[token] = principal
        self._principals.move_to_end(token)
        while len(self._principals) > self._capacity:
            self._principals.popitem(last=False)
