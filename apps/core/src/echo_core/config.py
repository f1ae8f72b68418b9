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
