from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.youtube_oauth_state import YouTubeOAuthState
from echo_core.operations.expired_rows import delete_expired

# Connections a user may have under way at once (a second tab, a double click); beyond it
# the oldest is dropped, so pressing Connect again and again cannot fill the table.
STATES_KEPT_PER_OWNER = 5


class YouTubeOAuthStateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, state: YouTubeOAuthState, now: datetime) -> None:
        await delete_expired(self._session, YouTubeOAuthState, YouTubeOAuthState.expires_at, now)
        newest = (
            select(YouTubeOAuthState.state_hash)
            .where(YouTubeOAuthState.owner_id == state.owner_id)
            .order_by(YouTubeOAuthState.created_at.desc())
            .limit(STATES_KEPT_PER_OWNER - 1)
        )
        await self._session.execute(
            delete(YouTubeOAuthState)
            .where(
                YouTubeOAuthState.owner_id == state.owner_id,
                YouTubeOAuthState.state_hash.not_in(newest.scalar_subquery()),
            )
            .execution_options(synchronize_session=False)
        )
        self._session.add(state)
        await self._session.flush()

    async def find(self, state_hash: str) -> YouTubeOAuthState | None:
        """Not scoped by owner: the state is what names its owner (the callback has no
        session); it is a 256-bit secret only its owner's browser was given."""
        return await self._session.get(YouTubeOAuthState, state_hash)

    async def take(self, state_hash: str) -> bool:
        """Delete the state: True for the one caller that did, so it is used once."""
        statement = delete(YouTubeOAuthState).where(YouTubeOAuthState.state_hash == state_hash)
        result = await self._session.execute(statement.execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)
