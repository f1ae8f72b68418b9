"""Whether a verified token still opens the API, read in one statement: it runs on every
authenticated request (and on every check of an open job socket), so the revocation and
the account lookup share a single round trip."""

from dataclasses import dataclass

from sqlalchemy import bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.revoked_token import RevokedToken
from echo_core.models.user import User


@dataclass(frozen=True)
class TokenStanding:
    revoked: bool
    """The token's id was signed out (and not yet pruned after its expiry)."""
    account_exists: bool
    """A local account has the token's subject as its id."""


# Two primary-key probes in one SELECT, built once; a missing id (None) matches no row.
_STANDING = select(
    exists().where(RevokedToken.jti == bindparam("token_id")),
    exists().where(User.id == bindparam("user_id")),
)


class TokenStandingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def read(self, token_id: str | None, user_id: str) -> TokenStanding:
        # A plain row off the connection: two booleans need none of the ORM's machinery.
        connection = await self._session.connection()
        result = await connection.execute(_STANDING, {"token_id": token_id, "user_id": user_id})
        revoked, account_exists = result.one()
        return TokenStanding(revoked=bool(revoked), account_exists=bool(account_exists))
