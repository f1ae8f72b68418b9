"""API tokens: made once and shown once, stored hashed, used as a bearer token anywhere
their owner may go, refused at once when revoked or expired, never making more tokens."""

import hashlib
import json
import uuid
from datetime import timedelta

import httpx
import pytest
import websockets
from sqlalchemy import select, update
from websockets.typing import Origin

from echo_core.config import Settings
from echo_core.models import ApiToken
from echo_core.models.base import utcnow
from tests.auth.test_auth import error_of, supabase_token
from tests.conftest import Api, auth
from tests.live_server import live_server

REFUSED = "The API token is not valid: it was revoked, has expired, or never existed."


async def make_token(api: Api, session_token: str, **body: object) -> dict[str, object]:
    response = await api.client.post(
        "/api/auth/tokens", json={"name": "uploader", **body}, headers=auth(session_token)
    )
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created


async def stored_token(api: Api, token_id: object) -> ApiToken:
    async with api.runtime.session_factory() as session:
        return (await session.scalars(select(ApiToken).where(ApiToken.id == token_id))).one()


async def test_a_token_opens_the_owners_routes_and_is_listed_without_its_secret(
    api: Api,
) -> None:
    session_token = await api.register("alice@example.com")
    created = await make_token(api, session_token, expires_in_days=30)
    token = str(created["token"])
    assert token.startswith("echo_") and len(token) > 40
    assert created["name"] == "uploader"

    me = await api.client.get("/api/auth/me", headers=auth(token))
    videos = await api.client.get("/api/videos", headers=auth(token))

    assert me.status_code == 200, me.text
    assert me.json()["email"] == "alice@example.com"
    assert videos.status_code == 200, videos.text
    listed = await api.client.get("/api/auth/tokens", headers=auth(session_token))
    assert listed.status_code == 200, listed.text
    [item] = listed.json()
    assert item["id"] == created["id"]
    assert item["expires_at"] == created["expires_at"]
    assert item["last_used_at"] is not None
    assert token not in listed.text and "token" not in item


async def test_the_secret_is_stored_only_as_its_hash(api: Api) -> None:
    session_token = await api.register("alice@example.com")
    created = await make_token(api, session_token)

    row = await stored_token(api, created["id"])

    token = str(created["token"])
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps([str(getattr(row, a.key)) for a in row.__mapper__.column_attrs])
    assert row.expires_at is None


async def test_an_api_token_cannot_make_more_tokens(api: Api) -> None:
    session_token = await api.register("alice@example.com")
    token = str((await make_token(api, session_token))["token"])

    response = await api.client.post(
        "/api/auth/tokens", json={"name": "another"}, headers=auth(token)
    )

    error = error_of(response, 403)
    assert "cannot make more API tokens" in error["message"]
    listed = await api.client.get("/api/auth/tokens", headers=auth(session_token))
    assert len(listed.json()) == 1


async def test_a_revoked_token_is_refused_at_once(api: Api) -> None:
    session_token = await api.register("alice@example.com")
    created = await make_token(api, session_token)
    token = str(created["token"])
    assert (await api.client.get("/api/videos", headers=auth(token))).status_code == 200

    revoked = await api.client.delete(
        f"/api/auth/tokens/{created['id']}", headers=auth(session_token)
    )

    assert revoked.status_code == 204, revoked.text
    refused = await api.client.get("/api/videos", headers=auth(token))
    assert error_of(refused, 401)["message"] == REFUSED
    assert (await api.client.get("/api/auth/tokens", headers=auth(session_token))).json() == []


async def test_another_users_token_is_not_found_and_keeps_working(api: Api) -> None:
    alice = await api.register("alice@example.com")
    mallory = await api.register("mallory@example.com")
    created = await make_token(api, alice)

    response = await api.client.delete(f"/api/auth/tokens/{created['id']}", headers=auth(mallory))

    assert error_of(response, 404)["code"] == "not_found"
    assert (await api.client.get("/api/auth/tokens", headers=auth(mallory))).json() == []
    still = await api.client.get("/api/auth/me", headers=auth(str(created["token"])))
    assert still.status_code == 200


async def test_an_expired_token_is_refused(api: Api) -> None:
    session_token = await api.register("alice@example.com")
    created = await make_token(api, session_token, expires_in_days=1)
    async with api.runtime.session_factory() as session:
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == created["id"])
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()

    refused = await api.client.get("/api/auth/me", headers=auth(str(created["token"])))

    assert error_of(refused, 401)["message"] == REFUSED


async def test_a_made_up_token_is_refused(api: Api) -> None:
    refused = await api.client.get("/api/auth/me", headers=auth("echo_" + "A" * 43))

    assert error_of(refused, 401)["message"] == REFUSED


async def test_the_last_use_is_written_at_most_once_a_minute(api: Api) -> None:
    session_token = await api.register("alice@example.com")
    created = await make_token(api, session_token)
    token = str(created["token"])
    await api.client.get("/api/auth/me", headers=auth(token))
    first_use = (await stored_token(api, created["id"])).last_used_at
    assert first_use is not None

    await api.client.get("/api/auth/me", headers=auth(token))
    assert (await stored_token(api, created["id"])).last_used_at == first_use

    two_minutes_ago = utcnow() - timedelta(minutes=2)
    async with api.runtime.session_factory() as session:
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == created["id"])
            .values(last_used_at=two_minutes_ago)
        )
        await session.commit()
    await api.client.get("/api/auth/me", headers=auth(token))
    later_use = (await stored_token(api, created["id"])).last_used_at
    assert later_use is not None and later_use > first_use


@pytest.mark.parametrize(
    "body",
    [
        {"name": ""},
        {"name": "x" * 101},
        {"name": "ok", "expires_in_days": 0},
        {"name": "ok", "expires_in_days": "soon"},
        {"name": "ok", "expires_in_days": 100_000},
        {"name": "ok", "scopes": ["all"]},
    ],
)
async def test_bad_input_is_refused_with_the_envelope(api: Api, body: dict[str, object]) -> None:
    session_token = await api.register("alice@example.com")

    response = await api.client.post("/api/auth/tokens", json=body, headers=auth(session_token))

    assert error_of(response, 422)["code"] == "invalid_input"
    assert (await api.client.get("/api/auth/tokens", headers=auth(session_token))).json() == []


async def test_the_job_socket_opens_with_an_api_token_and_closes_on_revocation(
    settings: Settings,
) -> None:
    quiet = settings.model_copy(update={"embedded_worker": False, "websocket_recheck_seconds": 0.2})
    async with (
        live_server(quiet) as base_url,
        httpx.AsyncClient(base_url=base_url) as client,
    ):
        registered = await client.post(
            "/api/auth/register",
            json={"email": "alice@example.com", "password": "correct horse battery"},
        )
        session_token = registered.json()["access_token"]
        created = (
            await client.post(
                "/api/auth/tokens", json={"name": "socket"}, headers=auth(session_token)
            )
        ).json()
        ws_url = base_url.replace("http", "ws") + "/api/ws/jobs"
        async with websockets.connect(ws_url, origin=Origin(base_url)) as socket:
            await socket.send(json.dumps({"type": "auth", "token": created["token"]}))
            ready = json.loads(await socket.recv())
            assert ready["type"] == "ready"
            await client.delete(f"/api/auth/tokens/{created['id']}", headers=auth(session_token))
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await socket.recv()

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401
    assert closed.value.rcvd.reason == REFUSED[:120]


async def test_a_supabase_user_is_told_to_use_supabases_tokens(api: Api) -> None:
    token = supabase_token(str(uuid.uuid4()), api.settings.supabase_jwt_secret)

    response = await api.client.post("/api/auth/tokens", json={"name": "x"}, headers=auth(token))

    assert "Echo's own accounts" in error_of(response, 403)["message"]
