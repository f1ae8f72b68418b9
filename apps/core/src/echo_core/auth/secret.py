"""Secrets configured, or generated once and kept on disk in the data directory."""

import os
import secrets
from pathlib import Path


def load_or_create_jwt_secret(configured: str | None, data_dir: Path) -> str:
    """The key that signs local tokens."""
    return configured or load_or_create_secret(data_dir / "jwt_secret")


def load_or_create_secret(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    # O_EXCL: if two processes start together, one writes and the other reads its key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    return secret
