"""Signing out revokes the token presented: it is refused everywhere from then on."""

import json
import uuid
from datetime import UTC, datetime

import httpx
import jwt
import pytest
import websockets
from sqlalchemy import select
from websockets.typing import Origin

from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.config import Settings
from echo_core.models import RevokedToken
from tests.auth.test_auth import error_of, supabase_token
from tests.conftest import Api, AppFactory, auth
from tests.live_server import live_server

SIGNED_OUT = "The access token was signed out; sign in again."


async def logout(api: Api, token: str) -> httpx.Response:
    return await api.client.post("/api/auth/logout", headers=auth(token))


async def test_logout_answers_204_and_the_token_is_refused_after(api: Api) -> None:
    token = await api.register("alice@example.com")

    response = await logout(api, token)

    assert response.status_code == 204, response.text
    assert response.content == b""
    for path in ("/api/auth/me", "/api/videos", "/api/video-processing-jobs"):
        refused = await api.client.get(path, headers=auth(token))
        error = error_of(refused, 401)
        assert error["message"] == SIGNED_OUT
        assert refused.headers["WWW-Authenticate"] == "Bearer"


async def test_a_revoked_token_cannot_sign_out_again(api: Api) -> None:
    token = await api.register("alice@example.com")
    await logout(api, token)

    assert error_of(await logout(api, token), 401)["message"] == SIGNED_OUT


async def test_logout_ends_only_the_session_it_is_sent_with(api: Api) -> None:
    laptop = await api.register("alice@example.com")
    phone_sign_in = await api.client.post(
        "/api/auth/login", json={"email": "alice@example.com", "password": "correct horse battery"}
    )
    phone = phone_sign_in.json()["access_token"]

    await logout(api, laptop)

    still_in = await api.client.get("/api/auth/me", headers=auth(phone))
    assert still_in.status_code == 200, still_in.text


async def test_the_revocation_is_kept_until_the_token_expires(api: Api) -> None:
    token = await api.register("alice@example.com")
    claims = jwt.decode(token, options={"verify_signature": False})

    await logout(api, token)

    async with api.runtime.session_factory() as session:
        revoked = (await session.scalars(select(RevokedToken))).one()
    assert revoked.jti == claims["jti"]
    assert revoked.expires_at == datetime.fromtimestamp(claims["exp"], UTC)


async def test_every_api_process_refuses_a_revoked_token(
    make_api: AppFactory, settings: Settings
) -> None:
    first, second = await make_api(settings), await make_api(settings)
    token = await first.register("alice@example.com")

    await logout(first, token)

    assert error_of(await second.client.get("/api/auth/me", headers=auth(token)), 401)


async def test_the_web_apps_cookie_session_can_sign_out(api: Api) -> None:
    token = await api.register("alice@example.com")
    cookie = {"Cookie": f"{SESSION_COOKIE}={token}"}

    response = await api.client.post(
        "/api/auth/logout", headers=cookie | {"Origin": "http://echo.test"}
    )

    assert response.status_code == 204, response.text
    refused = await api.client.get("/api/auth/me", headers=cookie)
    assert error_of(refused, 401)["message"] == SIGNED_OUT


async def test_a_token_without_an_id_cannot_be_revoked_here(api: Api) -> None:
    # Supabase's access tokens carry no jti; Supabase's own sign-out ends them.
    token = supabase_token(str(uuid.uuid4()), api.settings.supabase_jwt_secret)

    response = await logout(api, token)

    error = error_of(response, 400)
    assert error["message"] == (
        "This token has no id to revoke; sign out with the service that issued it."
    )
    assert (await api.client.get("/api/auth/me", headers=auth(token))).status_code == 200


@pytest.fixture
def quiet_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"embedded_worker": False})


@pytest.mark.parametrize("via", ["first-message", "cookie"])
async def test_the_job_socket_refuses_a_revoked_token(quiet_settings: Settings, via: str) -> None:
    async with (
        live_server(quiet_settings) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        registered = await client.post(
            "/api/auth/register",
            json={"email": "alice@example.com", "password": "correct horse battery"},
        )
        token = registered.json()["access_token"]
        assert (await client.post("/api/auth/logout", headers=auth(token))).status_code == 204
        ws_url = base_url.replace("http", "ws") + "/api/ws/jobs"
        cookie = {"Cookie": f"{SESSION_COOKIE}={token}"} if via == "cookie" else None
        # A cookie opens the socket only from the API's own pages.
        async with websockets.connect(
            ws_url, origin=Origin(base_url), additional_headers=cookie
        ) as socket:
            if via == "first-message":
                await socket.send(json.dumps({"type": "auth", "token": token}))
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await socket.recv()

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401
    assert closed.value.rcvd.reason == SIGNED_OUT
