"""Access tokens: Echo's own (HS256) and, when configured, a Supabase project's."""

import asyncio
import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import jwt

from echo_core.auth.principal import Principal
from echo_core.auth.verified_tokens import VerifiedTokens
from echo_core.errors import AuthenticationError
from echo_core.models.base import utcnow

ECHO_ISSUER = "echo"
ECHO_AUDIENCE = "echo-api"
_SUPABASE_ASYMMETRIC_ALGORITHMS = ["RS256", "ES256", "EdDSA"]
# Bounded so a revoked token's id always fits its column.
MAX_TOKEN_ID_LENGTH = 255
TOKEN_EXPIRED = "The access token has expired; sign in again."
MALFORMED = "The access token is malformed."
# Tokens remembered once verified: about 300 bytes each, so at most a few hundred kB.
VERIFIED_TOKENS_KEPT = 1024


class TokenVerifier:
    def __init__(
        self,
        secret: str,
        ttl: timedelta,
        supabase_secret: str | None = None,
        supabase_jwks_url: str | None = None,
        supabase_audience: str = "authenticated",
        jwks_refresh_cooldown_seconds: float = 30.0,
    ) -> None:
        self._secret = secret
        self._ttl = ttl
        self._verified = VerifiedTokens(VERIFIED_TOKENS_KEPT)
        self._supabase_secret = supabase_secret
        self._supabase_audience = supabase_audience
        # An unknown `kid` refetches the key set (that is how a rotation is picked up), but
        # at most once per cooldown, so junk tokens cannot hammer the issuer's endpoint.
        self._jwks = (
            jwt.PyJWKClient(
                supabase_jwks_url,
                lifespan=300,
                timeout=10,
                cooldown_duration=jwks_refresh_cooldown_seconds,
            )
            if supabase_jwks_url
            else None
        )

    def issue(self, user_id: str, email: str) -> str:
        now = utcnow()
        claims = {
            "sub": user_id,
            "email": email,
            "iss": ECHO_ISSUER,
            "aud": ECHO_AUDIENCE,
            "iat": now,
            "exp": now + self._ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._secret, algorithm="HS256")

    async def verify(self, token: str) -> Principal:
        known = self._verified.get(token)
        if known is not None:
            return known
        header, claims = _unverified_parts(token)
        if claims.get("iss") == ECHO_ISSUER:
            return self._verify_echo(token)
        return await self._verify_supabase(token, header)

    def _verify_echo(self, token: str) -> Principal:
        # jti is required: a token without one could never be revoked by signing out.
        claims = _decode(
            token, self._secret, ["HS256"], ECHO_AUDIENCE, issuer=ECHO_ISSUER, require=["jti"]
        )
        principal = _principal(claims, "echo")
        # Only Echo's own: a Supabase token's key can be withdrawn from the project's key
        # set, and its tokens are then refused at the next fetch of the set.
        self._verified.remember(token, principal)
        return principal

    async def _verify_supabase(self, token: str, header: dict[str, Any]) -> Principal:
        algorithm = header.get("alg")
        if algorithm == "HS256" and self._supabase_secret:
            claims = _decode(token, self._supabase_secret, ["HS256"], self._supabase_audience)
        elif algorithm in _SUPABASE_ASYMMETRIC_ALGORITHMS and self._jwks is not None:
            key = await self._signing_key(token)
            claims = _decode(token, key, _SUPABASE_ASYMMETRIC_ALGORITHMS, self._supabase_audience)
        else:
            raise AuthenticationError("The access token was not issued by a trusted issuer.")
        return _principal(claims, "supabase")

    async def _signing_key(self, token: str) -> Any:
        assert self._jwks is not None
        jwks = self._jwks
        try:
            # PyJWKClient fetches over blocking urllib; keep it off the event loop.
            signing_key = await asyncio.to_thread(jwks.get_signing_key_from_jwt, token)
        except jwt.PyJWKClientError as error:
            raise AuthenticationError("The access token's signing key is not known.") from error
        return signing_key.key


def _unverified_parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and the claims, read without checking anything, only to choose the key
    that verifies the token. PyJWT's own reading checks every character of the token, which
    costs more than the rest of the decode; the verifying decode does it, once per request."""
    try:
        header_part, claims_part, _signature = token.split(".")
        header = json.loads(base64.urlsafe_b64decode(_padded(header_part)))
        claims = json.loads(base64.urlsafe_b64decode(_padded(claims_part)))
    except (ValueError, RecursionError) as error:
        # binascii.Error, JSONDecodeError and UnicodeDecodeError are all ValueErrors.
        raise AuthenticationError(MALFORMED) from error
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise AuthenticationError(MALFORMED)
    return header, claims


def _padded(part: str) -> str:
    return part + "=" * (-len(part) % 4)


def _principal(claims: dict[str, Any], issuer: Literal["echo", "supabase"]) -> Principal:
    return Principal(
        user_id=str(claims["sub"]),
        email=claims.get("email"),
        issuer=issuer,
        token_id=claims.get("jti"),
        token_expires_at=datetime.fromtimestamp(claims["exp"], UTC),
    )


def _decode(
    token: str,
    key: Any,
    algorithms: list[str],
    audience: str,
    issuer: str | None = None,
    require: list[str] | None = None,
) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=algorithms,
            audience=audience,
            issuer=issuer,
            options={"require": ["exp", "sub", *(require or [])]},
        )
    except jwt.ExpiredSignatureError as error:
        raise AuthenticationError(TOKEN_EXPIRED) from error
    except jwt.InvalidAudienceError as error:
        raise AuthenticationError("The access token is for another audience.") from error
    except jwt.InvalidSignatureError as error:
        raise AuthenticationError("The access token is not valid.") from error
    except jwt.DecodeError as error:
        # Stricter than the reading that chose the key: a character outside base64url.
        raise AuthenticationError(MALFORMED) from error
    except jwt.PyJWTError as error:
        raise AuthenticationError("The access token is not valid.") from error
    if not str(claims["sub"]).strip():
        raise AuthenticationError("The access token names no user.")
    token_id = claims.get("jti")
    if token_id is not None and not (
        isinstance(token_id, str) and 0 < len(token_id) <= MAX_TOKEN_ID_LENGTH
    ):
        raise AuthenticationError("The access token is not valid.")
    return claims
