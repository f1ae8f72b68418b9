"""Runtime configuration, read from `ECHO_*` environment variables."""

import os
from functools import cached_property
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from echo_core.settings_types import Networks, Origins

KIB = 1024
MIB = 1024**2
GIB = 1024**3
# YouTube's resumable protocol takes chunks in multiples of 256 KiB (all but the last).
YOUTUBE_CHUNK_GRANULE = 256 * KIB
# The web app's server proxies /api from the same machine, so loopback is trusted by default.
LOOPBACK: list[IPv4Network | IPv6Network] = [IPv4Network("127.0.0.1/32"), IPv6Network("::1/128")]


def default_data_dir() -> Path:
    """The user's data folder (`$XDG_DATA_HOME/echo`, else `~/.local/share/echo`).

    Not the working directory: `make dev`, `echo-core create-user` run from `apps/core` and
    `echo-core doctor` run from anywhere must all see the same database.
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "echo"


def _upper_case(value: object) -> object:
    # ECHO_LOG_LEVEL=debug means DEBUG, as it does to most tools.
    return value.upper() if isinstance(value, str) else value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ECHO_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(
        default=None, description="SQLAlchemy async URL; default is SQLite in the data directory"
    )

    storage_backend: Literal["local", "s3"] = "local"
    max_upload_bytes: int = Field(default=4 * GIB, gt=0)
    max_json_body_bytes: int = Field(
        default=MIB, gt=0, description="Largest body of a request that is not an upload"
    )
    upload_chunk_bytes: int = Field(default=1024 * 1024, gt=0)
    upload_timeout_seconds: float = Field(
        default=4 * 3600,
        gt=0,
        description="An upload still arriving after this long is stopped (408); partial "
        "uploads older than this are removed when `serve` or `worker` starts",
    )
    # What a video may be, whatever its file claims: longer or larger ones are refused at upload.
    max_duration_seconds: float = Field(default=4 * 3600, gt=0)
    max_video_pixels: int = Field(default=7680 * 4320, gt=0, description="width x height (8K)")
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = Field(
        default=None, description="Unset for AWS; the store's URL for MinIO, R2, Supabase..."
    )
    s3_region: str | None = None
    s3_access_key_id: str | None = Field(
        default=None, description="Unset to use the AWS default chain (env, profile, IAM role)"
    )
    s3_secret_access_key: SecretStr | None = None
    s3_prefix: str = Field(default="", description="Folder inside the bucket for Echo's objects")
    s3_addressing_style: Literal["auto", "path", "virtual"] = "auto"
    # S3 refuses parts under 5 MiB (except the last) and over 5 GiB.
    s3_part_bytes: int = Field(default=16 * MIB, ge=5 * MIB, le=5 * GIB)
    s3_presigned_originals: bool = Field(
        default=False, description="Redirect original-video downloads to a presigned URL"
    )
    # SigV4 presigned URLs live at most 7 days.
    s3_presigned_url_seconds: int = Field(default=3600, ge=1, le=7 * 24 * 3600)

    secret_key: SecretStr | None = Field(
        default=None,
        description="Encrypts the secrets saved in the database (LLM API keys); generated "
        "and kept on disk if unset",
    )
    jwt_secret: SecretStr | None = Field(
        default=None, description="Signs local access tokens; generated and kept on disk if unset"
    )
    access_token_minutes: int = Field(default=60 * 24 * 7, gt=0)

    supabase_jwt_secret: SecretStr | None = None
    supabase_jwks_url: str | None = None
    supabase_jwks_refresh_cooldown_seconds: float = Field(
        default=30.0, ge=0, description="Least time between refetches for an unknown key id"
    )
    supabase_audience: str = "authenticated"

    # Sign-in throttling (services/sign_in_throttle.py): attempts allowed before a lockout,
    # which starts at login_lockout_seconds and doubles with each further failure. An account
    # alone is only slowed down, never locked: a stranger must not lock its owner out.
    login_attempts_per_account_and_address: int = Field(default=5, ge=1)
    login_attempts_per_address: int = Field(default=20, ge=1)
    login_account_attempts_before_delay: int = Field(default=5, ge=0)
    login_account_delay_seconds: float = Field(default=1, ge=0)
    # A few seconds at most: a longer wait would be a lockout by another name.
    login_account_max_delay_seconds: float = Field(default=4, ge=0, le=30)
    register_attempts_per_address: int = Field(default=10, ge=1)
    login_failure_window_seconds: float = Field(default=900, gt=0)
    login_lockout_seconds: float = Field(default=60, gt=0)
    login_max_lockout_seconds: float = Field(default=3600, gt=0)
    trusted_proxies: Networks = Field(
        default_factory=lambda: list(LOOPBACK),
        description="Peers whose X-Forwarded-For/Host/Proto are believed (the web app's server)",
    )
    websocket_recheck_seconds: float = Field(
        default=15, gt=0, description="How often an open job socket checks its token again"
    )
    cors_origins: Origins = Field(default_factory=list)
    allowed_origins: Origins = Field(
        default_factory=list, description="Origins besides the API's own host that may write"
    )

    asr_engine: Literal["auto", "faster-whisper", "pocketsphinx", "openai"] = "auto"
    whisper_model: str | None = Field(
        default=None,
        description="faster-whisper model name or a local model directory; unset: "
        "large-v3-turbo with a CUDA GPU, small on the CPU",
    )
    whisper_download_timeout_seconds: float = Field(
        default=20.0, gt=0, description="A model download that hears nothing this long fails"
    )
    whisper_download_retry_seconds: float = Field(
        default=3600.0,
        ge=0,
        description="After a failed model download, jobs use pocketsphinx this long before "
        "trying again (`echo-core models pull` tries at once)",
    )
    asr_threads: int = Field(default=0, ge=0, description="0 means one per CPU core")
    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: SecretStr | None = None
    openai_transcription_model: str = "whisper-1"
    openai_chat_model: str = "gpt-4.1-mini"
    # Defaults only: an admin's choice saved in the app (Settings page) wins over these.
    text_engine: Literal["auto", "local", "openai", "gemini", "ollama"] = "auto"
    gemini_api_key: SecretStr | None = None
    gemini_base_url: str = "https://generativelanguage.googleapis.com"
    gemini_model: str = "gemini-2.5-flash"
    ollama_url: str = "http://127.0.0.1:11434"
    ollama_model: str | None = Field(
        default=None, description="Unset: the first model the Ollama server lists"
    )
    llm_timeout_seconds: float = Field(
        default=60.0,
        gt=0,
        description="Per request; also the longest Retry-After an LLM engine waits out",
    )
    llm_max_retries: int = Field(default=2, ge=0)

    job_max_attempts: int = Field(default=3, ge=1)
    job_lease_seconds: float = Field(default=60.0, gt=0)
    job_check_seconds: float = Field(
        default=0.5,
        gt=0,
        description="How often a worker checks that the job it runs was not canceled, "
        "deleted or taken over; it stops the job's work about this soon",
    )
    worker_concurrency: int = Field(default=1, ge=1)
    # Workers wake when a job is queued; the poll finds what announces nothing: a job whose
    # worker died (its lease expires), or one queued by another process on SQLite.
    worker_poll_seconds: float = Field(default=10.0, gt=0)
    max_queued_jobs_per_user: int = Field(
        default=20, ge=1, description="Jobs one user may have queued or running at once"
    )
    embedded_worker: bool = Field(
        default=True, description="`serve` also runs a worker in the API process"
    )
    thumbnail_count: int = Field(default=6, ge=1, le=20)

    # YouTube: a Google OAuth client (Web application) whose redirect URI is
    # {public_url}/api/youtube/callback. Every Google address is a setting, so tests and
    # other deployments can point elsewhere.
    google_client_id: str | None = None
    google_client_secret: SecretStr | None = None
    public_url: str = Field(
        default="http://127.0.0.1:3000",
        description="The address browsers use to reach Echo (the web app), without a "
        "trailing slash; Google sends people back to {public_url}/api/youtube/callback",
    )
    google_auth_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    google_token_url: str = "https://oauth2.googleapis.com/token"
    google_revoke_url: str = "https://oauth2.googleapis.com/revoke"
    youtube_api_url: str = Field(
        default="https://www.googleapis.com",
        description="The Data API under /youtube/v3/..., uploads under /upload/youtube/v3/...",
    )
    google_timeout_seconds: float = Field(
        default=20.0, gt=0, description="Per request to Google's token, revoke and channel URLs"
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="Readable lines, or one JSON object per line"
    )
    log_level: Annotated[
        Literal["DEBUG", "INFO", "WARNING", "ERROR"], BeforeValidator(_upper_case)
    ] = "INFO"
    metrics_token: SecretStr | None = Field(
        default=None,
        description="When set, /metrics answers only `Authorization: Bearer <this token>`",
    )
    ready_timeout_seconds: float = Field(
        default=5.0, gt=0, description="/api/ready reports a check that takes longer as failed"
    )
    youtube_chunk_bytes: int = Field(
        default=8 * MIB,
        ge=YOUTUBE_CHUNK_GRANULE,
        le=GIB,
        multiple_of=YOUTUBE_CHUNK_GRANULE,
        description="Bytes per request of a video upload: a multiple of 256 KiB",
    )
    youtube_max_retries: int = Field(
        default=8, ge=0, description="Retries in a row of a failed upload request (5xx, cut)"
    )
    youtube_retry_seconds: float = Field(
        default=1.0, gt=0, description="First wait before a retry; each further one doubles"
    )
    youtube_request_timeout_seconds: float = Field(
        default=120.0, gt=0, description="A request to YouTube that hears nothing this long fails"
    )
    webhook_allow_private: bool = Field(
        default=False,
        description="Let webhooks reach private, loopback and link-local addresses "
        "(a receiver on the same network); off, so a webhook cannot probe the server's network",
    )
    webhook_retry_seconds: float = Field(
        default=30.0,
        gt=0,
        le=60,
        description="Wait before a failed delivery's first retry; each later wait is 3 times "
        "longer",
    )
    webhook_max_attempts: int = Field(default=6, ge=1, le=20)
    webhook_timeout_seconds: float = Field(
        default=10.0, gt=0, le=60, description="How long a receiver has to answer a delivery"
    )

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'echo.db').resolve()}"

    @property
    def worker_heartbeat_seconds(self) -> float:
        """How often a worker stamps its heartbeat; one that missed three is not alive."""
        return min(self.worker_poll_seconds, self.job_lease_seconds / 3)

    @property
    def uploads_tmp_dir(self) -> Path:
        return self.data_dir / "tmp"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def work_dir(self) -> Path:
        """Scratch space for a worker's intermediate files (decoded audio, frames)."""
        return self.data_dir / "work"
