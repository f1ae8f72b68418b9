from dataclasses import dataclass
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: the token's subject, whichever issuer signed it."""

    user_id: str
    email: str | None
    issuer: Literal["echo", "supabase", "api_token"]
    # The token's `jti` (always present in Echo's tokens), by which signing out revokes it;
    # for an API token, the token's row id.
    token_id: str | None
    # None: an API token made without an expiry, valid until revoked.
    token_expires_at: datetime | None
