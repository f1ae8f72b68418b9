"""PKCE (RFC 7636): a secret verifier kept by Echo, its S256 challenge sent to Google."""

import base64
import hashlib
import secrets


def new_verifier() -> str:
    # 32 random bytes -> 43 characters, the least RFC 7636 allows, all unreserved.
    return secrets.token_urlsafe(32)


def s256_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
