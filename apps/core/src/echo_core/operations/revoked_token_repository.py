from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.revoked_token import RevokedToken
from echo_core.operations.dialect_insert import insert_for
from echo_core.operations.expired_rows import delete_expired


class RevokedTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, jti: str, expires_at: datetime) -> None:
        # Signing out twice at once is not an error: the token is revoked either way.
        statement = (
            insert_for(self._session, RevokedToken)
            .values(jti=jti, expires_at=expires_at)
            .on_conflict_do_nothing(index_elements=[RevokedToken.jti])
        )
        await self._session.execute(statement)

    async def prune(self, now: datetime) -> None:
        await delete_expired(self._session, RevokedToken, RevokedToken.expires_at, now)
