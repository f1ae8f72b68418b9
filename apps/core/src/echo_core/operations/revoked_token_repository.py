from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.revoked_token import RevokedToken
from echo_core.operations.dialect_insert import insert_for
from echo_core.operations.expired_rows import delete_expired

_IS_REVOKED = select(RevokedToken.jti).where(RevokedToken.jti == bindparam("jti"))


class RevokedTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def is_revoked(self, jti: str) -> bool:
        # A primary-key probe: it runs on every authenticated request, so it stays this
        # cheap, with its statement built once and its plain row read off the connection.
        connection = await self._session.connection()
        return (await connection.execute(_IS_REVOKED, {"jti": jti})).first() is not None

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
