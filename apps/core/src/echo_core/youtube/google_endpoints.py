"""Where Google is, from the settings: the OAuth endpoints, the Data API and the client."""

from dataclasses import dataclass

from echo_core.config import Settings
from echo_core.youtube.errors import YouTubeNotConfigured

CALLBACK_PATH = "/api/youtube/callback"
# Uploading videos, and captions (which need force-ssl); nothing else of the account.
SCOPES = (
    "https://www.googleapis.com/auth/youtube.upload",
    "https://www.googleapis.com/auth/youtube.force-ssl",
)


@dataclass(frozen=True)
class GoogleClient:
    client_id: str
    client_secret: str
    redirect_uri: str


@dataclass(frozen=True)
class GoogleEndpoints:
    auth_url: str
    token_url: str
    revoke_url: str
    api_url: str
    timeout_seconds: float
    client: GoogleClient | None  # None: this instance has no Google client configured

    @classmethod
    def from_settings(cls, settings: Settings) -> "GoogleEndpoints":
        client = None
        if settings.google_client_id and settings.google_client_secret:
            client = GoogleClient(
                client_id=settings.google_client_id,
                client_secret=settings.google_client_secret.get_secret_value(),
                redirect_uri=settings.public_url.rstrip("/") + CALLBACK_PATH,
            )
        return cls(
            auth_url=settings.google_auth_url,
            token_url=settings.google_token_url,
            revoke_url=settings.google_revoke_url,
            api_url=settings.youtube_api_url.rstrip("/"),
            timeout_seconds=settings.google_timeout_seconds,
            client=client,
        )

    def require_client(self) -> GoogleClient:
        if self.client is None:
            raise YouTubeNotConfigured()
        return self.client

    def data_api(self, resource: str) -> str:
        """`videos` -> {api}/youtube/v3/videos"""
        return f"{self.api_url}/youtube/v3/{resource}"

    def upload_api(self, resource: str) -> str:
        """`videos` -> {api}/upload/youtube/v3/videos"""
        return f"{self.api_url}/upload/youtube/v3/{resource}"
