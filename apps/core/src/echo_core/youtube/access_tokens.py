"""What publishing needs from a channel connection: a bearer token, and a fresh one after
YouTube answered 401. The connection (youtube/credentials.py) provides both; the tests pass
tokens of their own fake server."""

from typing import Protocol


class AccessTokens(Protocol):
    async def access_token(self) -> str:
        """A token that has not expired as far as we know."""
        ...

    async def access_token_after_unauthorized(self) -> str:
        """A new token, after YouTube refused the last one; raises when the channel's
        access was revoked and the creator must connect again."""
        ...
