"""Whether a token that verifies still opens the API: checked on every request, and again
and again for as long as a job socket stays open."""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.api_token_secret import is_api_token
from echo_core.auth.principal import Principal
from echo_core.auth.tokens import TOKEN_EXPIRED, TokenVerifier
from echo_core.errors import AuthenticationError
from echo_core.models.base import utcnow
from echo_core.operations.token_standing_repository import TokenStandingRepository
from echo_core.services.api_token_service import ApiTokenService

ACCOUNT_GONE = "The account of this access token no longer exists."
SIGNED_OUT = "The access token was signed out; sign in again."


class AccessCheckService:
    def __init__(self, session: AsyncSession) -> None:
        self._standing = TokenStandingRepository(session)
        self._api_tokens = ApiTokenService(session)

    async def principal_for(self, token: str, verifier: TokenVerifier) -> Principal:
        """Who a bearer token (a JWT or an API token) acts for, if it still opens the API."""
        if is_api_token(token):
            return await self._api_tokens.authenticate(token)
        principal = await verifier.verify(token)
        await self.ensure_current(principal)
        return principal

    async def ensure_current(self, principal: Principal) -> None:
        """401 once the token has expired, been signed out or revoked, or its account was
        deleted."""
        if principal.issuer == "api_token":
            await self._api_tokens.ensure_usable(principal)
            return
        if principal.token_expires_at is not None and principal.token_expires_at <= utcnow():
            raise AuthenticationError(TOKEN_EXPIRED)
        # A Supabase user has no local row: the token is the whole identity.
        needs_account = principal.issuer == "echo"
        if principal.token_id is None and not needs_account:
            return
        standing = await self._standing.read(principal.token_id, principal.user_id)
        if standing.revoked:
            raise AuthenticationError(SIGNED_OUT)
        if needs_account and not standing.account_exists:
            raise AuthenticationError(ACCOUNT_GONE)
