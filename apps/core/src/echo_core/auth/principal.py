from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: the token's subject, whichever issuer signed it."""

    user_id: str
    email: str | None
    issuer: Literal["echo", "supabase"]
