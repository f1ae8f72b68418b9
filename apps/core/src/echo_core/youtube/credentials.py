"""The access tokens calls to YouTube carry, for one user's connected channel.

    credentials = await credentials_for_user(session_factory, settings, secret_box, user_id)
    response = await call_with_refresh(credentials, lambda token: send(token))

An access token lives about an hour. `access_token()` gives the saved one while it has a
minute left, else refreshes it with the refresh token; after a 401, the caller asks once
for `access_token_after_unauthorized()` and tries again (once per call). A refresh Google
refuses (`invalid_grant`: revoked, or expired) marks the connection as needing to be made
again and raises `YouTubeConnectionLost`, whose message the settings page shows too.
Each refresh runs in a transaction of its own, so a long upload holds none.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core import transaction
from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.models.base import utcnow
from echo_core.operations.youtube_connection_repository import YouTubeConnectionRepository
from echo_core.youtube.errors import (
    SECRET_KEY_CHANGED,
    GoogleRefused,
    YouTubeConnectionLost,
    YouTubeNotConnected,
)
from echo_core.youtube.google_endpoints import GoogleEndpoints
from echo_core.youtube.google_http import google_client
from echo_core.youtube.oauth_client import GoogleOAuthClient

# A token this close to its end is refreshed first: it could expire on the way to Google.
EXPIRY_MARGIN = timedelta(seconds=60)
# Google's answer when a refresh token was revoked, expired or belongs to another client.
REFUSED_GRANT = "invalid_grant"

Sessions = async_sessionmaker[AsyncSession]


class YouTubeCredentials:
    def __init__(
        self,
        sessions: Sessions,
        endpoints: GoogleEndpoints,
        box: SecretBox,
        *,
        owner_id: str,
        connection_id: str,
        refresh_token: str,
        access_token: str | None,
        access_token_expires_at: datetime | None,
    ) -> None:
        self._sessions = sessions
        self._endpoints = endpoints
        self._box = box
        self.owner_id = owner_id
        self.connection_id = connection_id
        self._refresh_token = refresh_token
        self._access_token = access_token
        self._expires_at = access_token_expires_at
        # Concurrent callers of one credentials object share a refresh.
        self._refreshing = asyncio.Lock()

    async def access_token(self) -> str:
        """A valid access token: the saved one, or a new one if it is (about to be) expired."""
        async with self._refreshing:
            if (
                self._access_token
                and self._expires_at
                and self._expires_at - EXPIRY_MARGIN > utcnow()
            ):
                return self._access_token
            return await self._refresh()

    async def access_token_after_unauthorized(self) -> str:
        """A new access token after YouTube answered 401 to the last one."""
        async with self._refreshing:
            return await self._refresh()

    async def _refresh(self) -> str:
        async with google_client(self._endpoints.timeout_seconds) as client:
            try:
                grant = await GoogleOAuthClient(self._endpoints, client).refresh(
                    self._refresh_token
                )
            except GoogleRefused as refusal:
                if refusal.error != REFUSED_GRANT:
                    raise
                await self._mark_lost(YouTubeConnectionLost().message)
                raise YouTubeConnectionLost() from refusal
        async with self._sessions() as session:
            stored = await YouTubeConnectionRepository(session).store_access_token(
                self.owner_id,
                self.connection_id,
                self._box.seal(grant.access_token),
                grant.expires_at,
                self._box.seal(grant.refresh_token) if grant.refresh_token else None,
            )
            await transaction.commit(session)
        if not stored:
            # Disconnected (or connected anew) meanwhile: this access is no longer theirs.
            raise YouTubeNotConnected()
        self._refresh_token = grant.refresh_token or self._refresh_token
        self._access_token = grant.access_token
        self._expires_at = grant.expires_at
        return grant.access_token

    async def _mark_lost(self, problem: str) -> None:
        async with self._sessions() as session:
            await YouTubeConnectionRepository(session).mark_needs_reconnect(
                self.owner_id, self.connection_id, problem
            )
            await transaction.commit(session)


async def credentials_for_user(
    sessions: Sessions, settings: Settings, box: SecretBox, user_id: str
) -> YouTubeCredentials:
    """The user's credentials; YouTubeNotConnected without a connection, and
    YouTubeConnectionLost when it must be made again (the message says why)."""
    async with sessions() as session:
        connection = await YouTubeConnectionRepository(session).get(user_id)
    if connection is None:
        raise YouTubeNotConnected()
    if connection.needs_reconnect:
        raise YouTubeConnectionLost(connection.problem or YouTubeConnectionLost().message)
    refresh_token = box.open(connection.refresh_token_encrypted)
    if refresh_token is None:
        async with sessions() as session:
            await YouTubeConnectionRepository(session).mark_needs_reconnect(
                user_id, connection.id, SECRET_KEY_CHANGED
            )
            await transaction.commit(session)
        raise YouTubeConnectionLost(SECRET_KEY_CHANGED)
    sealed_access = connection.access_token_encrypted
    return YouTubeCredentials(
        sessions,
        GoogleEndpoints.from_settings(settings),
        box,
        owner_id=user_id,
        connection_id=connection.id,
        refresh_token=refresh_token,
        access_token=box.open(sealed_access) if sealed_access else None,
        access_token_expires_at=connection.access_token_expires_at,
    )


async def call_with_refresh(
    credentials: YouTubeCredentials, send: Callable[[str], Awaitable[httpx.Response]]
) -> httpx.Response:
    """Send with a valid access token; after a 401, refresh once and send again. A second
    401 is returned to the caller: another refresh would not change Google's mind."""
    response = await send(await credentials.access_token())
    if response.status_code != 401:
        return response
    await response.aclose()
    return await send(await credentials.access_token_after_unauthorized())
