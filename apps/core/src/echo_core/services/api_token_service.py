"""API tokens: made by a signed-in person for scripts, listed, revoked, and signed in with."""

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.api_token_secret import hash_api_token, new_api_token
from echo_core.auth.principal import Principal
from echo_core.errors import AuthenticationError, ForbiddenError, NotFoundError
from echo_core.models.api_token import ApiToken
from echo_core.models.base import utcnow
from echo_core.operations.api_token_repository import ApiTokenRepository

# How stale `last_used_at` may get: a busy script costs one write a minute, not one a request.
API_TOKEN_USE_RECORD_INTERVAL = timedelta(minutes=1)
API_TOKEN_REFUSED = "The API token is not valid: it was revoked, has expired, or never existed."
TOKENS_NEED_A_SIGN_IN = (
    "An API token cannot make more API tokens; sign in with your password to make one."
)

# A token names its owner's row (and goes with it); a Supabase user has none here.
TOKENS_NEED_A_LOCAL_ACCOUNT = "API tokens are for Echo's own accounts; use your provider's tokens."


class ApiTokenService:
    def __init__(self, session: AsyncSession) -> None:
        self._tokens = ApiTokenRepository(session)

    async def create(
        self, principal: Principal, name: str, expires_in_days: int | None
    ) -> tuple[ApiToken, str]:
        """The new token's row and its secret, which is not kept and cannot be shown again."""
        # A leaked token must not be able to mint replacements that outlive its revocation.
        if principal.issuer == "api_token":
            raise ForbiddenError(TOKENS_NEED_A_SIGN_IN)
        if principal.issuer != "echo":
            raise ForbiddenError(TOKENS_NEED_A_LOCAL_ACCOUNT)
        secret = new_api_token()
        now = utcnow()
        expires_at = now + timedelta(days=expires_in_days) if expires_in_days else None
        token = ApiToken(
            owner_id=principal.user_id,
            name=name,
            token_hash=hash_api_token(secret),
            created_at=now,
            expires_at=expires_at,
        )
        return await self._tokens.add(token), secret

    async def list(self, owner_id: str) -> Sequence[ApiToken]:
        return await self._tokens.list_for_owner(owner_id)

    async def revoke(self, owner_id: str, token_id: str) -> None:
        if not await self._tokens.delete_for_owner(owner_id, token_id):
            raise NotFoundError("No such API token.")

    async def authenticate(self, secret: str) -> Principal:
        now = utcnow()
        try:
            token, email = await self._tokens.find_usable_by_hash(hash_api_token(secret), now)
        except LookupError:
            raise AuthenticationError(API_TOKEN_REFUSED) from None
        if token.last_used_at is None or token.last_used_at < now - API_TOKEN_USE_RECORD_INTERVAL:
            await self._tokens.record_use(token.id, now, now - API_TOKEN_USE_RECORD_INTERVAL)
        return Principal(
            user_id=token.owner_id,
            email=email,
            issuer="api_token",
            token_id=token.id,
            token_expires_at=token.expires_at,
        )

    async def ensure_usable(self, principal: Principal) -> None:
        """401 once the principal's API token is revoked or expired (its account deleted
        takes its tokens with it)."""
        if principal.token_id is None or not await self._tokens.is_usable(
            principal.token_id, utcnow()
        ):
            raise AuthenticationError(API_TOKEN_REFUSED)
