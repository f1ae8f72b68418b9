"""Encrypts the secrets Echo keeps in its database (an LLM's API key), so a copy of the
database alone (a backup, a dump) does not give them away."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from echo_core.auth.secret import load_or_create_secret
from echo_core.config import Settings

SECRET_KEY_FILE = "secret_key"


class SecretBox:
    def __init__(self, secret: str) -> None:
        # Fernet wants 32 bytes; any secret string, configured or generated, gives them.
        key = base64.urlsafe_b64encode(hashlib.sha256(secret.encode("utf-8")).digest())
        self._fernet = Fernet(key)

    @classmethod
    def from_settings(cls, settings: Settings) -> "SecretBox":
        """ECHO_SECRET_KEY, else a key generated once into the data directory."""
        if settings.secret_key is not None:
            return cls(settings.secret_key.get_secret_value())
        return cls(load_or_create_secret(settings.data_dir / SECRET_KEY_FILE))

    def seal(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> str | None:
        """The plain secret; None when it was sealed with another key (the key changed)."""
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            return None
