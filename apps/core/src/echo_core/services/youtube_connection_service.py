"""Connecting a user's YouTube channel through Google's consent, showing it, forgetting it.

The callback is reached by the browser coming back from Google, so it carries no session:
the `state` names the user. It is 256 random bits, stored only as a hash, bound to the
user who pressed Connect, used once and good for 10 minutes. Google's calls are made
before anything is written, so no write lock is held while Google answers.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.secret_box import SecretBox
from echo_core.errors import NotFoundError
from echo_core.models.base import utcnow
from echo_core.models.youtube_oauth_state import YouTubeOAuthState
from echo_core.operations.youtube_connection_repository import YouTubeConnectionRepository
from echo_core.operations.youtube_oauth_state_repository import YouTubeOAuthStateRepository
from echo_core.youtube.channels import Channel, NoChannelError, own_channel
from echo_core.youtube.errors import GoogleRefused, GoogleUnavailable, InvalidOAuthState
from echo_core.youtube.google_endpoints import SCOPES, GoogleEndpoints
from echo_core.youtube.google_http import google_client
from echo_core.youtube.oauth_client import GoogleOAuthClient, TokenGrant
from echo_core.youtube.pkce import new_verifier

STATE_LIFETIME = timedelta(minutes=10)
PERMISSIONS_PAGE = "https://myaccount.google.com/permissions"
DISCONNECTED = "The channel is disconnected, and Google has revoked Echo's access to it."
DISCONNECTED_NOT_REVOKED = (
    "The channel is disconnected from Echo, but Google could not be asked to revoke Echo's "
    f"access. Remove Echo at {PERMISSIONS_PAGE} to be sure."
)
NO_CHANNEL_CONNECTED = "No YouTube channel is connected."


class CallbackOutcome(StrEnum):
    """What the settings page is told (`?youtube=`) after Google sent the browser back."""

    CONNECTED = "connected"
    DENIED = "denied"  # the person pressed Cancel on Google's consent page
    MISSING_SCOPES = "missing_scopes"  # consent without uploading or captions ticked
    NO_CHANNEL = "no_channel"  # the Google account has no YouTube channel
    UNAVAILABLE = "unavailable"  # Google could not be reached, or failed; try again
    FAILED = "failed"  # Google refused the exchange


@dataclass(frozen=True)
class ConnectionView:
    configured: bool
    connected: bool
    channel_title: str | None
    needs_reconnect: bool
    message: str | None


@dataclass(frozen=True)
class Disconnection:
    revoked: bool
    message: str


class YouTubeConnectionService:
    def __init__(self, session: AsyncSession, endpoints: GoogleEndpoints, box: SecretBox) -> None:
        self._endpoints = endpoints
        self._box = box
        self._connections = YouTubeConnectionRepository(session)
        self._states = YouTubeOAuthStateRepository(session)

    async def start(self, user_id: str) -> str:
        """The URL of Google's consent page for this user's channel."""
        self._endpoints.require_client()
        state = secrets.token_urlsafe(32)
        verifier = new_verifier()
        now = utcnow()
        row = YouTubeOAuthState(
            state_hash=_hash(state),
            owner_id=user_id,
            code_verifier_encrypted=self._box.seal(verifier),
            created_at=now,
            expires_at=now + STATE_LIFETIME,
        )
        await self._states.add(row, now)
        async with google_client(self._endpoints.timeout_seconds) as client:
            return GoogleOAuthClient(self._endpoints, client).authorization_url(state, verifier)

    async def finish(self, state: str, code: str | None, error: str | None) -> CallbackOutcome:
        """Exchange the code and keep the channel; InvalidOAuthState (400) stores nothing."""
        state_hash = _hash(state)
        pending = await self._states.find(state_hash)
        if pending is None or pending.expires_at <= utcnow():
            raise InvalidOAuthState()
        owner_id = pending.owner_id
        verifier = self._box.open(pending.code_verifier_encrypted)
        if error or not code or verifier is None:
            await self._take(state_hash)
            return CallbackOutcome.DENIED if error == "access_denied" else CallbackOutcome.FAILED
        async with google_client(self._endpoints.timeout_seconds) as client:
            oauth = GoogleOAuthClient(self._endpoints, client)
            try:
                grant = await oauth.exchange_code(code, verifier)
                outcome, channel = await self._check_grant(grant, client)
                if outcome is not CallbackOutcome.CONNECTED:
                    await _revoke_quietly(oauth, grant)
            except GoogleUnavailable:
                outcome, channel = CallbackOutcome.UNAVAILABLE, None
            except GoogleRefused:
                outcome, channel = CallbackOutcome.FAILED, None
        await self._take(state_hash)
        if channel is not None and grant.refresh_token is not None:
            await self._connections.save(
                owner_id,
                channel_id=channel.id,
                channel_title=channel.title,
                refresh_token_encrypted=self._box.seal(grant.refresh_token),
                access_token_encrypted=self._box.seal(grant.access_token),
                access_token_expires_at=grant.expires_at,
            )
        return outcome

    async def view(self, user_id: str) -> ConnectionView:
        configured = self._endpoints.client is not None
        connection = await self._connections.get(user_id)
        if connection is None:
            return ConnectionView(configured, False, None, False, None)
        return ConnectionView(
            configured=configured,
            connected=not connection.needs_reconnect,
            channel_title=connection.channel_title,
            needs_reconnect=connection.needs_reconnect,
            message=connection.problem,
        )

    async def disconnect(self, user_id: str) -> Disconnection:
        """Revoke Echo's access at Google and forget the channel; forgotten even when Google
        cannot be asked (the answer says so, with where to remove Echo by hand)."""
        connection = await self._connections.get(user_id)
        if connection is None:
            raise NotFoundError(NO_CHANNEL_CONNECTED)
        refresh_token = self._box.open(connection.refresh_token_encrypted)
        revoked = False
        if refresh_token is not None:
            async with google_client(self._endpoints.timeout_seconds) as client:
                try:
                    await GoogleOAuthClient(self._endpoints, client).revoke(refresh_token)
                    revoked = True
                except (GoogleUnavailable, GoogleRefused):
                    revoked = False
        await self._connections.delete(user_id)
        return Disconnection(revoked, DISCONNECTED if revoked else DISCONNECTED_NOT_REVOKED)

    async def _check_grant(
        self, grant: TokenGrant, client: httpx.AsyncClient
    ) -> tuple[CallbackOutcome, Channel | None]:
        """Whether the grant can publish: both scopes (Google lets people untick them), a
        refresh token, and a channel to upload to."""
        if not set(SCOPES) <= grant.scopes:
            return CallbackOutcome.MISSING_SCOPES, None
        if grant.refresh_token is None:
            return CallbackOutcome.FAILED, None
        try:
            channel = await own_channel(self._endpoints, client, grant.access_token)
        except NoChannelError:
            return CallbackOutcome.NO_CHANNEL, None
        return CallbackOutcome.CONNECTED, channel

    async def _take(self, state_hash: str) -> None:
        if not await self._states.take(state_hash):
            # Another request used it between our read and now.
            raise InvalidOAuthState()


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode("utf-8")).hexdigest()


async def _revoke_quietly(oauth: GoogleOAuthClient, grant: TokenGrant) -> None:
    """Give back a grant Echo will not keep; if Google cannot be asked, it expires unused."""
    try:
        await oauth.revoke(grant.refresh_token or grant.access_token)
    except (GoogleUnavailable, GoogleRefused):
        return
