from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.base import new_id, utcnow
from echo_core.models.youtube_connection import YouTubeConnection
from echo_core.operations.dialect_insert import insert_for


class YouTubeConnectionRepository:
    """Each user's YouTube connection; every query names its owner."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, owner_id: str) -> YouTubeConnection | None:
        statement = select(YouTubeConnection).where(YouTubeConnection.owner_id == owner_id)
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def save(
        self,
        owner_id: str,
        *,
        channel_id: str,
        channel_title: str,
        refresh_token_encrypted: str,
        access_token_encrypted: str,
        access_token_expires_at: datetime,
    ) -> None:
        """Connect the owner's channel, replacing a connection they had: a new id, so
        credentials still held for the old one can no longer write into it."""
        now = utcnow()
        fields = {
            "id": new_id(),
            "channel_id": channel_id,
            "channel_title": channel_title,
            "refresh_token_encrypted": refresh_token_encrypted,
            "access_token_encrypted": access_token_encrypted,
            "access_token_expires_at": access_token_expires_at,
            "needs_reconnect": False,
            "problem": None,
            "updated_at": now,
        }
        statement = insert_for(self._session, YouTubeConnection).values(
            owner_id=owner_id, created_at=now, **fields
        )
        statement = statement.on_conflict_do_update(
            index_elements=[YouTubeConnection.owner_id], set_=fields
        )
        await self._session.execute(statement)

    async def store_access_token(
        self,
        owner_id: str,
        connection_id: str,
        access_token_encrypted: str,
        expires_at: datetime,
        refresh_token_encrypted: str | None,
    ) -> bool:
        """Keep a refreshed access token (and the new refresh token Google may rotate in).
        False when the connection was removed or replaced meanwhile."""
        values: dict[str, object] = {
            "access_token_encrypted": access_token_encrypted,
            "access_token_expires_at": expires_at,
            "updated_at": utcnow(),
        }
        if refresh_token_encrypted is not None:
            values["refresh_token_encrypted"] = refresh_token_encrypted
        return await self._update(owner_id, connection_id, values)

    async def mark_needs_reconnect(self, owner_id: str, connection_id: str, problem: str) -> bool:
        values: dict[str, object] = {
            "needs_reconnect": True,
            "problem": problem,
            "access_token_encrypted": None,
            "access_token_expires_at": None,
            "updated_at": utcnow(),
        }
        return await self._update(owner_id, connection_id, values)

    async def delete(self, owner_id: str) -> bool:
        statement = delete(YouTubeConnection).where(YouTubeConnection.owner_id == owner_id)
        result = await self._session.execute(statement)
        return _changed(result)

    async def _update(self, owner_id: str, connection_id: str, values: dict[str, object]) -> bool:
        statement = (
            update(YouTubeConnection)
            .where(YouTubeConnection.owner_id == owner_id, YouTubeConnection.id == connection_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return _changed(await self._session.execute(statement))


def _changed(result: object) -> bool:
    return isinstance(result, CursorResult) and result.rowcount > 0
