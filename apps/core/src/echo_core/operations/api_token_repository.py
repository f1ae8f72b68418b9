from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.api_token import ApiToken
from echo_core.models.user import User


class ApiTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: ApiToken) -> ApiToken:
        self._session.add(token)
        await self._session.flush()
        return token

    async def list_for_owner(self, owner_id: str) -> Sequence[ApiToken]:
        statement = (
            select(ApiToken)
            .where(ApiToken.owner_id == owner_id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id)
        )
        return (await self._session.scalars(statement)).all()

    async def delete_for_owner(self, owner_id: str, token_id: str) -> bool:
        statement = delete(ApiToken).where(ApiToken.id == token_id, ApiToken.owner_id == owner_id)
        result = await self._session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def find_usable_by_hash(self, token_hash: str, now: datetime) -> tuple[ApiToken, str]:
        """The unexpired token with this hash and its owner's email; LookupError if none."""
        statement = (
            select(ApiToken, User.email)
            .join(User, User.id == ApiToken.owner_id)
            .where(ApiToken.token_hash == token_hash)
            .where(or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now))
        )
        row = (await self._session.execute(statement)).first()
        if row is None:
            raise LookupError(token_hash)
        return row[0], row[1]

    async def is_usable(self, token_id: str, now: datetime) -> bool:
        statement = select(ApiToken.id).where(
            ApiToken.id == token_id,
            or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
        )
        return (await self._session.execute(statement)).first() is not None

    async def record_use(self, token_id: str, now: datetime, not_since: datetime) -> None:
        """Stamp the last use, unless it was stamped after `not_since`: the condition in the
        statement keeps concurrent requests from each writing."""
        statement = (
            update(ApiToken)
            .where(ApiToken.id == token_id)
            .where(or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < not_since))
            .values(last_used_at=now)
        )
        await self._session.execute(statement)
