from dataclasses import dataclass
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: the token's subject, whichever issuer signed it."""

    user_id: str
    email: str | None
    issuer: Literal["echo", "supabase"]
    # The token's `jti` (always present in Echo's tokens), by which signing out revokes it.
    token_id: str | None
    token_expires_at: datetime
