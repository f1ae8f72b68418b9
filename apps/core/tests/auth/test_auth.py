"""Signing up, signing in, and which tokens open the API: Echo's own and a Supabase project's."""

import asyncio
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import jwt
import pytest
from argon2 import extract_parameters
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr
from sqlalchemy import delete, select

from echo_core.auth.passwords import DUMMY_PASSWORD_HASH
from echo_core.auth.tokens import ECHO_AUDIENCE, ECHO_ISSUER
from echo_core.config import Settings
from echo_core.models.user import User
from tests.conftest import Api, AppFactory, auth
from tests.thread_server import handler_on_a_thread

PASSWORD = "correct horse battery"
OTHER_SECRET = "a-secret-the-server-has-never-seen-long-enough"
SUPABASE_ISSUER = "https://project.supabase.co/auth/v1"
HOUR = timedelta(hours=1)
COMMON = "Password is one of the first that attackers try: choose a less common one."
EXPIRED = timedelta(minutes=-5)


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """The error body, once the status and the envelope's shape are checked."""
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"]
    assert set(body["error"]) == {"code", "message", "details"}
    error: dict[str, Any] = body["error"]
    return error


async def me(api: Api, token: str) -> httpx.Response:
    return await api.client.get("/api/auth/me", headers=auth(token))


async def assert_token_refused(api: Api, token: str, message: str) -> None:
    error = error_of(await me(api, token), 401)
    assert error["code"] == "not_authenticated"
    assert error["message"] == message


def claims(subject: str, issuer: str, audience: str, lifetime: timedelta) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "sub": subject,
        "email": "viewer@example.com",
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
    }


# Register


async def test_register_returns_a_bearer_token_and_the_new_user(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register", json={"email": "alice@example.com", "password": PASSWORD}
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"access_token", "token_type", "user"}
    assert body["token_type"] == "bearer"
    user = body["user"]
    assert set(user) == {"id", "email", "created_at", "is_admin"}
    assert user["email"] == "alice@example.com"
    assert datetime.fromisoformat(user["created_at"]).tzinfo is not None
    assert (await me(api, body["access_token"])).json()["id"] == user["id"]


async def test_register_stores_the_email_in_lower_case(api: Api) -> None:
    token = await api.register("Alice@Example.COM")

    assert (await me(api, token)).json()["email"] == "alice@example.com"


@pytest.mark.parametrize("again", ["alice@example.com", "ALICE@Example.com"])
async def test_an_email_can_hold_only_one_account_whatever_its_case(api: Api, again: str) -> None:
    await api.register("alice@example.com")

    response = await api.client.post(
        "/api/auth/register", json={"email": again, "password": PASSWORD}
    )

    error = error_of(response, 409)
    assert error["code"] == "conflict"
    assert error["message"] == "An account with this email already exists."


async def test_simultaneous_sign_ups_for_one_email_make_one_account(api: Api) -> None:
    credentials = {"email": "alice@example.com", "password": PASSWORD}

    # Sent together, several pass the "is the email free?" check before any has inserted,
    # so the unique index decides, and the losers must still get a 409, not a 500.
    responses = await asyncio.gather(
        *(api.client.post("/api/auth/register", json=credentials) for _ in range(4))
    )

    assert sorted(response.status_code for response in responses) == [201, 409, 409, 409]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("2short!", "Password must be at least 8 characters long."),
        ("abababababab", "Password is too easy to guess: use more different characters."),
        ("alice@example.com", "Password must not contain your email address."),
        ("my alice@example.com pw", "Password must not contain your email address."),
        ("alice@example", "Password must not contain your email address."),
        ("qwertyuiop", COMMON),
        ("Password123!", COMMON),
        ("P@ssw0rd", COMMON),
        ("Welcome2024", COMMON),
    ],
    ids=[
        "too-short",
        "few-distinct-characters",
        "the-email",
        "containing-the-email",
        "part-of-the-email",
        "common",
        "common-word-with-digits",
        "common-word-with-look-alikes",
        "common-word-with-a-year",
    ],
)
async def test_weak_passwords_are_refused_with_the_reason(
    api: Api, password: str, message: str
) -> None:
    response = await api.client.post(
        "/api/auth/register", json={"email": "alice@example.com", "password": password}
    )

    error = error_of(response, 422)
    assert error["code"] == "invalid_input"
    assert error["message"] == message
    # Nothing was created: the email is still free.
    await api.register("alice@example.com")


async def test_an_invalid_email_is_refused_and_named(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register", json={"email": "not-an-email", "password": PASSWORD}
    )

    error = error_of(response, 422)
    assert [detail["field"] for detail in error["details"]] == ["email"]


async def test_a_body_that_is_not_json_is_refused(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register",
        content=b'{"email": "alice@example.com", ',
        headers={"Content-Type": "application/json"},
    )

    assert error_of(response, 422)["message"] == "The request body is not valid JSON."


async def test_unknown_fields_are_refused(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register",
        json={"email": "alice@example.com", "password": PASSWORD, "is_admin": True},
    )

    error = error_of(response, 422)
    assert [detail["field"] for detail in error["details"]] == ["is_admin"]


# Log in


async def test_login_returns_a_working_token(api: Api) -> None:
    await api.register("alice@example.com")

    response = await api.client.post(
        "/api/auth/login", json={"email": "Alice@Example.com", "password": PASSWORD}
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["user"]["email"] == "alice@example.com"
    assert (await me(api, body["access_token"])).json()["email"] == "alice@example.com"


async def test_wrong_password_and_unknown_email_look_the_same(api: Api) -> None:
    await api.register("alice@example.com")

    wrong_password = await api.client.post(
        "/api/auth/login", json={"email": "alice@example.com", "password": "not the password"}
    )
    unknown_email = await api.client.post(
        "/api/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
    )

    refused = error_of(wrong_password, 401)
    # The same answer for both, so nobody can probe which emails have accounts.
    assert error_of(unknown_email, 401) == refused
    assert refused["message"] == "Wrong email or password."


async def test_an_unknown_email_costs_the_same_password_hashing_as_a_wrong_password(
    api: Api,
) -> None:
    await api.register("alice@example.com")
    async with api.runtime.session_factory() as session:
        stored = (await session.execute(select(User.password_hash))).scalar_one()

    # An unknown email is checked against this hash: with cheaper parameters its 401 would
    # come sooner, and the time would tell which emails have accounts.
    assert extract_parameters(DUMMY_PASSWORD_HASH) == extract_parameters(stored)


# Who is signed in


async def test_me_returns_the_signed_in_user(api: Api) -> None:
    token = await api.register("alice@example.com")

    response = await me(api, token)

    assert response.status_code == 200, response.text
    assert response.json()["email"] == "alice@example.com"


@pytest.mark.parametrize("path", ["/api/auth/me", "/api/videos"])
@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Sign in to continue."),
        ({"Authorization": "Basic YWxpY2U6cHc="}, "Sign in to continue."),
        (auth("garbage"), "The access token is malformed."),
    ],
    ids=["no-token", "not-bearer", "garbage-token"],
)
async def test_requests_without_a_valid_token_are_refused(
    api: Api, path: str, headers: dict[str, str], message: str
) -> None:
    response = await api.client.get(path, headers=headers)

    error = error_of(response, 401)
    assert error["code"] == "not_authenticated"
    assert error["message"] == message
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_deleted_users_token_stops_working_at_once(api: Api) -> None:
    token = await api.register("alice@example.com")
    assert (await me(api, token)).status_code == 200
    # There is no deletion route yet: an admin removes the row.
    async with api.runtime.session_factory() as session:
        await session.execute(delete(User).where(User.email == "alice@example.com"))
        await session.commit()

    for path in ("/api/auth/me", "/api/videos", "/api/video-processing-jobs"):
        response = await api.client.get(path, headers=auth(token))
        error = error_of(response, 401)
        assert error["message"] == "The account of this access token no longer exists."


# Echo's own tokens, minted here with the server's secret


@pytest.fixture
async def user_id(api: Api) -> str:
    token = await api.register("alice@example.com")
    user_id: str = (await me(api, token)).json()["id"]
    return user_id


def echo_token(
    settings: Settings,
    user_id: str,
    audience: str = ECHO_AUDIENCE,
    lifetime: timedelta = HOUR,
    with_id: bool = True,
) -> str:
    assert settings.jwt_secret is not None
    payload = claims(user_id, ECHO_ISSUER, audience, lifetime)
    if with_id:
        payload["jti"] = uuid.uuid4().hex
    return jwt.encode(payload, settings.jwt_secret.get_secret_value(), algorithm="HS256")


async def test_a_minted_echo_token_is_accepted(api: Api, user_id: str) -> None:
    # Proves the claims below are the server's, so each refusal has the cause its name says.
    response = await me(api, echo_token(api.settings, user_id))

    assert response.status_code == 200, response.text
    assert response.json()["email"] == "alice@example.com"


async def test_an_expired_echo_token_is_refused(api: Api, user_id: str) -> None:
    token = echo_token(api.settings, user_id, lifetime=EXPIRED)

    await assert_token_refused(api, token, "The access token has expired; sign in again.")


async def test_an_echo_token_for_another_audience_is_refused(api: Api, user_id: str) -> None:
    token = echo_token(api.settings, user_id, audience="another-api")

    await assert_token_refused(api, token, "The access token is for another audience.")


async def test_an_echo_token_without_an_id_is_refused(api: Api, user_id: str) -> None:
    # Without a jti, signing out could not revoke it.
    token = echo_token(api.settings, user_id, with_id=False)

    await assert_token_refused(api, token, "The access token is not valid.")


async def test_an_echo_token_signed_with_another_secret_is_refused(api: Api, user_id: str) -> None:
    token = jwt.encode(
        claims(user_id, ECHO_ISSUER, ECHO_AUDIENCE, HOUR) | {"jti": uuid.uuid4().hex},
        OTHER_SECRET,
        algorithm="HS256",
    )

    await assert_token_refused(api, token, "The access token is not valid.")


# Supabase tokens signed with the project's shared secret (HS256)


def supabase_token(
    subject: str,
    secret: SecretStr | str | None,
    audience: str = "authenticated",
    lifetime: timedelta = HOUR,
) -> str:
    assert secret is not None
    key = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    return jwt.encode(claims(subject, SUPABASE_ISSUER, audience, lifetime), key, algorithm="HS256")


async def test_a_supabase_user_is_signed_in_without_a_local_account(api: Api) -> None:
    subject = str(uuid.uuid4())
    token = supabase_token(subject, api.settings.supabase_jwt_secret)

    identity = await me(api, token)
    videos = await api.client.get("/api/videos", headers=auth(token))

    assert identity.status_code == 200, identity.text
    assert identity.json()["id"] == subject
    assert identity.json()["email"] == "viewer@example.com"
    assert videos.status_code == 200, videos.text
    assert videos.json()["items"] == []
    assert videos.json()["total"] == 0


async def test_a_supabase_token_for_another_audience_is_refused(api: Api) -> None:
    token = supabase_token(str(uuid.uuid4()), api.settings.supabase_jwt_secret, audience="anon")

    await assert_token_refused(api, token, "The access token is for another audience.")


async def test_an_expired_supabase_token_is_refused(api: Api) -> None:
    token = supabase_token(str(uuid.uuid4()), api.settings.supabase_jwt_secret, lifetime=EXPIRED)

    await assert_token_refused(api, token, "The access token has expired; sign in again.")


async def test_a_supabase_token_signed_with_another_secret_is_refused(api: Api) -> None:
    token = supabase_token(str(uuid.uuid4()), OTHER_SECRET)

    await assert_token_refused(api, token, "The access token is not valid.")


# Supabase tokens signed with an asymmetric key the project publishes as a JWKS


@dataclass
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls, kid: str) -> "SigningKey":
        return cls(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def jwk(self) -> dict[str, Any]:
        public: dict[str, Any] = jwt.algorithms.RSAAlgorithm.to_jwk(
            self.private_key.public_key(), as_dict=True
        )
        return public | {"kid": self.kid, "use": "sig", "alg": "RS256"}

    def sign(self, subject: str) -> str:
        payload = claims(subject, SUPABASE_ISSUER, "authenticated", HOUR)
        return jwt.encode(payload, self.private_key, algorithm="RS256", headers={"kid": self.kid})


@pytest.fixture
def published_key() -> SigningKey:
    return SigningKey.generate("published-key")


@pytest.fixture
def published_keys(published_key: SigningKey) -> list[SigningKey]:
    """What the JWKS endpoint publishes right now; a test may rotate it."""
    return [published_key]


@pytest.fixture
def jwks_url(published_keys: list[SigningKey]) -> Iterator[str]:
    """A local stand-in for the project's JWKS endpoint."""

    class JwksHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"keys": [key.jwk() for key in published_keys]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep request lines out of the test output."""

    with handler_on_a_thread(JwksHandler) as base_url:
        yield f"{base_url}/auth/v1/.well-known/jwks.json"


@pytest.fixture
async def jwks_api(make_api: AppFactory, settings: Settings, jwks_url: str) -> Api:
    # No refetch cooldown, so a rotation within the test is seen at once.
    return await make_api(
        settings.model_copy(
            update={"supabase_jwks_url": jwks_url, "supabase_jwks_refresh_cooldown_seconds": 0}
        )
    )


async def test_a_token_signed_with_a_published_key_is_accepted(
    jwks_api: Api, published_key: SigningKey
) -> None:
    subject = str(uuid.uuid4())

    response = await me(jwks_api, published_key.sign(subject))

    assert response.status_code == 200, response.text
    assert response.json()["id"] == subject


async def test_keys_rotated_at_the_jwks_endpoint_are_picked_up(
    jwks_api: Api, published_key: SigningKey, published_keys: list[SigningKey]
) -> None:
    subject = str(uuid.uuid4())
    assert (await me(jwks_api, published_key.sign(subject))).status_code == 200
    new_key = SigningKey.generate("rotated-key")

    published_keys[:] = [new_key]  # the project rotates: the old key is withdrawn

    with_new_key = await me(jwks_api, new_key.sign(subject))
    with_old_key = await me(jwks_api, published_key.sign(subject))
    assert with_new_key.status_code == 200, with_new_key.text
    assert with_old_key.status_code == 401


async def test_a_token_signed_with_an_unpublished_key_is_refused(jwks_api: Api) -> None:
    unpublished = SigningKey.generate("unpublished-key")

    await assert_token_refused(
        jwks_api,
        unpublished.sign(str(uuid.uuid4())),
        "The access token's signing key is not known.",
    )


async def test_a_token_whose_payload_was_changed_is_refused(
    jwks_api: Api, published_key: SigningKey
) -> None:
    header, _, signature = published_key.sign(str(uuid.uuid4())).split(".")
    forged_claims = claims(str(uuid.uuid4()), SUPABASE_ISSUER, "authenticated", HOUR)
    forged_payload = jwt.utils.base64url_encode(
        json.dumps(forged_claims, default=lambda moment: int(moment.timestamp())).encode()
    ).decode()

    await assert_token_refused(
        jwks_api, f"{header}.{forged_payload}.{signature}", "The access token is not valid."
    )


async def test_an_asymmetric_token_is_refused_when_no_jwks_is_configured(
    api: Api, published_key: SigningKey
) -> None:
    await assert_token_refused(
        api,
        published_key.sign(str(uuid.uuid4())),
        "The access token was not issued by a trusted issuer.",
    )
