"""Runtime configuration, read from `ECHO_*` environment variables."""

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

GIB = 1024**3


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ECHO_", env_file=".env", extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy async URL; default is SQLite in the data directory"
    )

    storage_backend: Literal["local"] = "local"
    max_upload_bytes: int = Field(default=4 * GIB, gt=0)
    upload_chunk_bytes: int = Field(default=1024 * 1024, gt=0)

    jwt_secret: str | None = Field(
        default=None, description="Signs local access tokens; generated and kept on disk if unset"
    )
    access_token_minutes: int = Field(default=60 * 24 * 7, gt=0)

    supabase_jwt_secret: str | None = None
    supabase_jwks_url: str | None = None
    supabase_audience: str = "authenticated"

    asr_engine: Literal["auto", "faster-whisper", "pocketsphinx", "openai"] = "auto"
    whisper_model: str = Field(
        default="base", description="faster-whisper model name or a local model directory"
    )
    whisper_download_timeout_seconds: float = 20.0
    asr_threads: int = Field(default=0, ge=0, description="0 means one per CPU core")
    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: str | None = None
    openai_transcription_model: str = "whisper-1"
    openai_chat_model: str = "gpt-4o-mini"
    text_engine: Literal["auto", "local", "openai", "gemini"] = "auto"
    gemini_api_key: str | None = None
    gemini_base_url: str = "https://generativelanguage.googleapis.com"
    gemini_model: str = "gemini-2.0-flash"
    llm_timeout_seconds: float = 60.0
    llm_max_retries: int = Field(default=2, ge=0)

    job_max_attempts: int = Field(default=3, ge=1)
    job_lease_seconds: float = Field(default=60.0, gt=0)
    worker_concurrency: int = Field(default=1, ge=1)
    worker_poll_seconds: float = Field(default=1.0, gt=0)
    embedded_worker: bool = Field(
        default=True, description="`serve` also runs a worker in the API process"
    )
    thumbnail_count: int = Field(default=6, ge=1, le=20)

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'echo.db').resolve()}"

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
