"""The app's settings for the scale benchmark: only what it chooses, nothing from the shell."""

from pathlib import Path

from echo_core.config import Settings


def bench_settings(data_dir: Path, database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # a stray .env file must not change what is measured
        data_dir=data_dir,
        database_url=database_url,
        jwt_secret="benchmark-only-secret-not-used-anywhere-else",
        # No worker polling the queue in the background while requests are timed.
        embedded_worker=False,
    )
