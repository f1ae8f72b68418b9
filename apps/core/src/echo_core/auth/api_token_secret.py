"""The API token's secret: random, recognisable by its prefix, kept only as a hash."""

import hashlib
import secrets

# A JWT starts with "eyJ" (base64 of '{"'), so the prefix tells the two apart without
# parsing anything, and makes a leaked token easy to find with a secret scanner.
API_TOKEN_PREFIX = "echo_"


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def is_api_token(token: str) -> bool:
    return token.startswith(API_TOKEN_PREFIX)


def hash_api_token(token: str) -> str:
    # A plain SHA-256 is enough: the token has 256 random bits, nothing to guess or stretch.
    return hashlib.sha256(token.encode()).hexdigest()
