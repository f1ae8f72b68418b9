"""Signing out: a revoked token is refused until it would have expired anyway (the refusal
is AccessCheckService's, on every request)."""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.principal import Principal
from echo_core.errors import EchoError
from echo_core.models.base import utcnow
from echo_core.operations.api_token_repository import ApiTokenRepository
from echo_core.operations.revoked_token_repository import RevokedTokenRepository


class TokenRevocationService:
    def __init__(self, session: AsyncSession) -> None:
        self._revoked = RevokedTokenRepository(session)
        self._api_tokens = ApiTokenRepository(session)

    async def revoke(self, principal: Principal) -> None:
        if principal.issuer == "api_token" and principal.token_id is not None:
            # Signing out with an API token revokes that token, as DELETE /api/auth/tokens does.
            await self._api_tokens.delete_for_owner(principal.user_id, principal.token_id)
            return
        if principal.token_id is None or principal.token_expires_at is None:
            # Supabase's access tokens carry no jti; its own sign-out is the way to end them.
            raise EchoError(
                "This token has no id to revoke; sign out with the service that issued it."
            )
        await self._revoked.add(principal.token_id, principal.token_expires_at)
        await self._revoked.prune(utcnow())
