"""Whether a token that verifies still opens the API: checked on every request, and again
and again for as long as a job socket stays open."""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.api_token_secret import is_api_token
from echo_core.auth.principal import Principal
from echo_core.auth.tokens import TOKEN_EXPIRED, TokenVerifier
from echo_core.errors import AuthenticationError
from echo_core.models.base import utcnow
from echo_core.operations.user_repository import UserRepository
from echo_core.services.api_token_service import ApiTokenService
from echo_core.services.token_revocation_service import TokenRevocationService

ACCOUNT_GONE = "The account of this access token no longer exists."


class AccessCheckService:
    def __init__(self, session: AsyncSession) -> None:
        self._revocations = TokenRevocationService(session)
        self._users = UserRepository(session)
        self._api_tokens = ApiTokenService(session)

    async def principal_for(self, token: str, verifier: TokenVerifier) -> Principal:
        """Who a bearer token (a JWT or an API token) acts for, if it still opens the API."""
        if is_api_token(token):
            return await self._api_tokens.authenticate(token)
        principal = await verifier.verify(token)
        await self.ensure_current(principal)
        return principal

    async def ensure_current(self, principal: Principal) -> None:
        """401 once the token has expired, been signed out, or its account was deleted."""
        if principal.issuer == "api_token":
            await self._api_tokens.ensure_usable(principal)
            return
        if principal.token_expires_at is not None and principal.token_expires_at <= utcnow():
            raise AuthenticationError(TOKEN_EXPIRED)
        await self._revocations.ensure_not_revoked(principal)
        # A Supabase user has no local row: the token is the whole identity.
        if principal.issuer == "echo" and not await self._users.exists(principal.user_id):
            raise AuthenticationError(ACCOUNT_GONE)
