"""What the fake Google knows: its OAuth clients, the signed-in Google account, the codes and
tokens it gave out, the requests it received, and the faults the test asked for."""

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

UPLOAD_SCOPE = "https://www.googleapis.com/auth/youtube.upload"
FORCE_SSL_SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
KNOWN_SCOPES = {
    UPLOAD_SCOPE,
    FORCE_SSL_SCOPE,
    "https://www.googleapis.com/auth/youtube",
    "https://www.googleapis.com/auth/youtube.readonly",
}
CODE_SECONDS = 60


@dataclass
class RegisteredClient:
    client_id: str
    client_secret: str
    redirect_uris: set[str]


@dataclass
class Account:
    """The Google account that signs in on the consent page, and its channel."""

    email: str = "creator@example.com"
    channel_id: str = "UCfakechannel000000000001"
    channel_title: str = "Sourdough Weekly"
    has_channel: bool = True


@dataclass
class AuthorizationCode:
    client_id: str
    redirect_uri: str
    code_challenge: str
    scopes: frozenset[str]
    offline: bool
    account: Account
    expires_at: float
    used: bool = False
    tokens: list[str] = field(default_factory=list)  # what it gave, revoked on reuse


@dataclass
class RefreshToken:
    client_id: str
    scopes: frozenset[str]
    account: Account
    revoked: bool = False


@dataclass
class AccessToken:
    client_id: str
    scopes: frozenset[str]
    account: Account
    expires_at: float
    refresh_token: str | None
    revoked: bool = False

    def valid(self) -> bool:
        return not self.revoked and time.time() < self.expires_at


@dataclass
class ReceivedRequest:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]
    status: int | None = None  # what the fake answered; None when the connection was cut


@dataclass
class Fault:
    path: str  # the first request whose path starts with this meets the fault
    # "unavailable" (503), "cut" (the connection closes mid-answer) or "drip" (an answer
    # that never ends, a byte at a time)
    kind: str


@dataclass
class PendingConsent:
    client_id: str
    redirect_uri: str
    state: str | None
    code_challenge: str
    scopes: frozenset[str]
    offline: bool


class FakeGoogle:
    def __init__(self) -> None:
        self.base_url = ""
        self.clients: dict[str, RegisteredClient] = {}
        self.account = Account()
        # What the person leaves ticked on the consent page; None grants every scope asked.
        self.consent_scopes: set[str] | None = None
        self.access_token_seconds = 3600
        self.codes: dict[str, AuthorizationCode] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.consents: dict[str, PendingConsent] = {}
        self.requests: list[ReceivedRequest] = []
        self.faults: list[Fault] = []

    # Setting up

    def register_client(
        self, redirect_uri: str, client_id: str | None = None, client_secret: str | None = None
    ) -> RegisteredClient:
        client = RegisteredClient(
            client_id=client_id or f"{secrets.token_hex(6)}.apps.googleusercontent.com",
            client_secret=client_secret or f"GOCSPX-{secrets.token_urlsafe(18)}",
            redirect_uris={redirect_uri},
        )
        self.clients[client.client_id] = client
        return client

    def settings_for(self, client: RegisteredClient, public_url: str) -> dict[str, Any]:
        """The `Settings` fields that point Echo at this server with this client."""
        return {
            "google_client_id": client.client_id,
            "google_client_secret": SecretStr(client.client_secret),
            "public_url": public_url,
            "google_auth_url": f"{self.base_url}/o/oauth2/v2/auth",
            "google_token_url": f"{self.base_url}/token",
            "google_revoke_url": f"{self.base_url}/revoke",
            "youtube_api_url": self.base_url,
        }

    # Misbehaving as the real one does

    def expire_access_tokens(self) -> None:
        """Every access token given so far expires now."""
        for token in self.access_tokens.values():
            token.expires_at = time.time() - 1

    def revoke_refresh_tokens(self) -> None:
        """As if the account owner removed Echo's access in their Google account."""
        for refresh in self.refresh_tokens.values():
            refresh.revoked = True
        for access in self.access_tokens.values():
            access.revoked = True

    def fail_next(self, path: str, kind: str = "unavailable") -> None:
        """The next request to `path` (a prefix) meets the fault (see Fault.kind)."""
        self.faults.append(Fault(path, kind))

    # Reading what happened

    def requests_to(self, path: str) -> list[ReceivedRequest]:
        return [request for request in self.requests if request.path == path]

    def live_refresh_tokens(self) -> list[str]:
        return [token for token, refresh in self.refresh_tokens.items() if not refresh.revoked]

    # Used by the routes

    def issue_tokens(
        self, client_id: str, scopes: frozenset[str], account: Account, refresh_token: str | None
    ) -> str:
        access = f"ya29.{secrets.token_urlsafe(24)}"
        self.access_tokens[access] = AccessToken(
            client_id=client_id,
            scopes=scopes,
            account=account,
            expires_at=time.time() + self.access_token_seconds,
            refresh_token=refresh_token,
        )
        return access

    def revoke(self, token: str) -> bool:
        """Revoke a refresh token with its access tokens, or an access token with the refresh
        token it came from (Google revokes the grant either way)."""
        if token in self.refresh_tokens and self.refresh_tokens[token].revoked:
            return False
        if token in self.access_tokens and self.access_tokens[token].revoked:
            return False
        refresh_token = token if token in self.refresh_tokens else None
        if token in self.access_tokens:
            refresh_token = self.access_tokens[token].refresh_token
            self.access_tokens[token].revoked = True
        elif refresh_token is None:
            return False
        if refresh_token is not None:
            self.refresh_tokens[refresh_token].revoked = True
            for access in self.access_tokens.values():
                if access.refresh_token == refresh_token:
                    access.revoked = True
        return True
