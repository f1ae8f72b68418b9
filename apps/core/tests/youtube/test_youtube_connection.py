"""Connecting a channel through Google's consent (OAuth 2.0 with PKCE), against the fake
Google, on SQLite and PostgreSQL."""

import base64
import hashlib
import time
from datetime import timedelta

import httpx
from sqlalchemy import func, select, update

from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.models.base import utcnow
from echo_core.models.youtube_connection import YouTubeConnection
from echo_core.models.youtube_oauth_state import YouTubeOAuthState
from tests.conftest import Api, AppFactory, auth
from tests.fake_google import FakeGoogle
from tests.youtube.conftest import (
    PUBLIC_URL,
    connect_channel,
    connection_of,
    consent_at_google,
    start_connecting,
)

SETTINGS_PAGE = f"{PUBLIC_URL}/settings?youtube="
SCOPES = {
    "https://www.googleapis.com/auth/youtube.upload",
    "https://www.googleapis.com/auth/youtube.force-ssl",
}


async def stored_connections(api: Api) -> list[YouTubeConnection]:
    async with api.runtime.session_factory() as session:
        return list((await session.execute(select(YouTubeConnection))).scalars())


async def pending_states(api: Api) -> int:
    async with api.runtime.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(YouTubeOAuthState)) or 0)


async def test_a_user_connects_their_channel_and_sees_it(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    assert await connection_of(youtube_api, token) == {
        "configured": True,
        "connected": False,
        "channel_title": None,
        "needs_reconnect": False,
        "message": None,
    }

    answer = await connect_channel(youtube_api, token)

    assert answer.status_code == 303
    assert answer.headers["location"] == f"{SETTINGS_PAGE}connected"
    connection = await connection_of(youtube_api, token)
    assert connection["connected"] is True
    assert connection["channel_title"] == "Sourdough Weekly"
    # The refresh token Google gave is kept, sealed: never in the database in plain.
    [refresh_token] = google.live_refresh_tokens()
    [row] = await stored_connections(youtube_api)
    assert refresh_token not in row.refresh_token_encrypted
    assert SecretBox.from_settings(youtube_api.settings).open(row.refresh_token_encrypted) == (
        refresh_token
    )
    assert row.channel_id == google.account.channel_id
    assert await pending_states(youtube_api) == 0


async def test_the_consent_url_asks_for_offline_access_with_pkce_and_both_scopes(
    youtube_api: Api,
) -> None:
    token = await youtube_api.register("creator@example.com")
    url = httpx.URL(await start_connecting(youtube_api, token))

    query = url.params
    assert query["response_type"] == "code"
    assert query["access_type"] == "offline"
    assert query["prompt"] == "consent"
    assert query["code_challenge_method"] == "S256"
    assert set(query["scope"].split()) == SCOPES
    assert query["redirect_uri"] == f"{PUBLIC_URL}/api/youtube/callback"
    assert len(query["state"]) >= 43
    # A second press gives another state and another challenge.
    again = httpx.URL(await start_connecting(youtube_api, token)).params
    assert again["state"] != query["state"]
    assert again["code_challenge"] != query["code_challenge"]


async def test_echo_proves_the_code_is_its_own_with_the_pkce_verifier(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    authorization_url = await start_connecting(youtube_api, token)
    await youtube_api.client.get((await consent_at_google(authorization_url)).callback)

    [exchange] = [
        request
        for request in google.requests_to("/token")
        if request.form.get("grant_type") == "authorization_code"
    ]
    verifier = exchange.form["code_verifier"]
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert challenge == httpx.URL(authorization_url).params["code_challenge"]
    assert verifier not in authorization_url


async def test_a_code_brought_back_with_someone_elses_state_is_refused_by_pkce(
    youtube_api: Api, google: FakeGoogle
) -> None:
    """A code caught on its way to the victim, sent in with the thief's own state: Google
    refuses it (the thief's verifier is not the victim's), so the thief connects nothing,
    and the victim can still finish."""
    victim = await youtube_api.register("victim@example.com")
    thief = await youtube_api.register("thief@example.com")
    victims_consent = await consent_at_google(await start_connecting(youtube_api, victim))
    thiefs_consent = await consent_at_google(await start_connecting(youtube_api, thief))

    injected = await youtube_api.client.get(
        "/api/youtube/callback",
        params={"state": thiefs_consent.state, "code": victims_consent.code},
    )

    assert injected.headers["location"] == f"{SETTINGS_PAGE}failed"
    assert (await connection_of(youtube_api, thief))["connected"] is False
    assert google.live_refresh_tokens() == []
    finished = await youtube_api.client.get(victims_consent.callback)
    assert finished.headers["location"] == f"{SETTINGS_PAGE}connected"
    assert (await connection_of(youtube_api, victim))["channel_title"] == "Sourdough Weekly"


async def test_a_forged_state_answers_400_and_nothing_is_exchanged_or_stored(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    consent = await consent_at_google(await start_connecting(youtube_api, token))

    for params in ({"state": "forged-" + consent.state, "code": consent.code}, {"code": "x"}):
        answer = await youtube_api.client.get("/api/youtube/callback", params=params)
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "invalid_oauth_state"

    assert google.requests_to("/token") == []
    assert await stored_connections(youtube_api) == []


async def test_a_state_used_once_cannot_be_used_again(youtube_api: Api, google: FakeGoogle) -> None:
    token = await youtube_api.register("creator@example.com")
    consent = await consent_at_google(await start_connecting(youtube_api, token))
    assert (await youtube_api.client.get(consent.callback)).status_code == 303
    [first] = await stored_connections(youtube_api)

    again = await youtube_api.client.get(consent.callback)

    assert again.status_code == 400
    assert "used already" in again.json()["error"]["message"]
    [after] = await stored_connections(youtube_api)
    assert (after.id, after.refresh_token_encrypted) == (first.id, first.refresh_token_encrypted)
    assert len(google.requests_to("/token")) == 1


async def test_a_state_older_than_ten_minutes_is_refused(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    consent = await consent_at_google(await start_connecting(youtube_api, token))
    async with youtube_api.runtime.session_factory() as session:
        await session.execute(
            update(YouTubeOAuthState).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()

    answer = await youtube_api.client.get(consent.callback)

    assert answer.status_code == 400
    assert "expired" in answer.json()["error"]["message"]
    assert google.requests_to("/token") == []
    assert await stored_connections(youtube_api) == []


async def test_pressing_cancel_at_google_is_shown_and_stores_nothing(
    youtube_api: Api,
) -> None:
    token = await youtube_api.register("creator@example.com")
    consent = await consent_at_google(await start_connecting(youtube_api, token), "deny")
    assert consent.code is None

    answer = await youtube_api.client.get(consent.callback)

    assert answer.headers["location"] == f"{SETTINGS_PAGE}denied"
    assert await stored_connections(youtube_api) == []
    assert (await youtube_api.client.get(consent.callback)).status_code == 400


async def test_consent_without_both_scopes_is_refused_and_given_back(
    youtube_api: Api, google: FakeGoogle
) -> None:
    google.consent_scopes = {"https://www.googleapis.com/auth/youtube.upload"}
    token = await youtube_api.register("creator@example.com")

    answer = await connect_channel(youtube_api, token)

    assert answer.headers["location"] == f"{SETTINGS_PAGE}missing_scopes"
    assert await stored_connections(youtube_api) == []
    assert google.refresh_tokens and google.live_refresh_tokens() == []


async def test_an_account_without_a_channel_is_told_so(
    youtube_api: Api, google: FakeGoogle
) -> None:
    google.account.has_channel = False
    token = await youtube_api.register("creator@example.com")

    answer = await connect_channel(youtube_api, token)

    assert answer.headers["location"] == f"{SETTINGS_PAGE}no_channel"
    assert await stored_connections(youtube_api) == []


async def test_google_failing_during_the_exchange_stores_nothing_and_says_try_again(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    for fault in ("unavailable", "cut"):
        google.fail_next("/token", fault)
        answer = await connect_channel(youtube_api, token)
        assert answer.headers["location"] == f"{SETTINGS_PAGE}unavailable"
    assert await stored_connections(youtube_api) == []

    answer = await connect_channel(youtube_api, token)
    assert answer.headers["location"] == f"{SETTINGS_PAGE}connected"


async def test_each_user_has_their_own_connection(youtube_api: Api, google: FakeGoogle) -> None:
    owner = await youtube_api.register("owner@example.com")
    other = await youtube_api.register("other@example.com")
    await connect_channel(youtube_api, owner)

    assert (await connection_of(youtube_api, other))["connected"] is False
    refused = await youtube_api.client.delete("/api/youtube/connection", headers=auth(other))
    assert refused.status_code == 404
    assert (await connection_of(youtube_api, owner))["channel_title"] == "Sourdough Weekly"
    assert len(google.live_refresh_tokens()) == 1

    google.account.channel_title = "Other's Garden"
    await connect_channel(youtube_api, other)
    assert (await connection_of(youtube_api, other))["channel_title"] == "Other's Garden"
    assert (await connection_of(youtube_api, owner))["channel_title"] == "Sourdough Weekly"


async def test_disconnecting_revokes_at_google_and_forgets_the_channel(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    await connect_channel(youtube_api, token)
    [refresh_token] = google.live_refresh_tokens()

    answer = await youtube_api.client.delete("/api/youtube/connection", headers=auth(token))

    assert answer.status_code == 200
    assert answer.json()["revoked"] is True
    assert google.live_refresh_tokens() == []
    [revocation] = google.requests_to("/revoke")
    assert revocation.query["token"] == refresh_token
    assert (await connection_of(youtube_api, token))["connected"] is False
    assert await stored_connections(youtube_api) == []
    again = await youtube_api.client.delete("/api/youtube/connection", headers=auth(token))
    assert again.status_code == 404


async def test_disconnecting_when_google_cannot_revoke_still_forgets_and_says_so(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await youtube_api.register("creator@example.com")
    await connect_channel(youtube_api, token)
    google.fail_next("/revoke")

    answer = await youtube_api.client.delete("/api/youtube/connection", headers=auth(token))

    assert answer.status_code == 200
    assert answer.json()["revoked"] is False
    assert "myaccount.google.com/permissions" in answer.json()["message"]
    assert await stored_connections(youtube_api) == []


async def test_without_a_google_client_connecting_is_refused_clearly(
    make_api: AppFactory, settings: object
) -> None:
    api = await make_api(settings)  # type: ignore[arg-type]
    token = await api.register("creator@example.com")

    answer = await api.client.post("/api/youtube/connect", headers=auth(token))

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "youtube_not_configured"
    assert "ECHO_GOOGLE_CLIENT_ID" in answer.json()["error"]["message"]
    assert (await connection_of(api, token))["configured"] is False
    assert await pending_states(api) == 0


async def test_connecting_needs_a_signed_in_user(youtube_api: Api) -> None:
    assert (await youtube_api.client.post("/api/youtube/connect")).status_code == 401
    assert (await youtube_api.client.get("/api/youtube/connection")).status_code == 401


async def test_pressing_connect_again_and_again_keeps_a_few_states(youtube_api: Api) -> None:
    token = await youtube_api.register("creator@example.com")
    for _ in range(12):
        await start_connecting(youtube_api, token)
    assert await pending_states(youtube_api) == 5


async def test_google_answering_a_byte_at_a_time_cannot_hold_the_callback(
    make_api: AppFactory, settings: Settings, google: FakeGoogle
) -> None:
    """Each byte arrives within the per-request timeout, so only a bound on the whole
    exchange ends it."""
    client = google.register_client(f"{PUBLIC_URL}/api/youtube/callback")
    fields = google.settings_for(client, PUBLIC_URL) | {"google_timeout_seconds": 0.5}
    api = await make_api(settings.model_copy(update=fields))
    token = await api.register("creator@example.com")
    consent = await consent_at_google(await start_connecting(api, token))
    google.fail_next("/token", "drip")

    started = time.monotonic()
    answer = await api.client.get(consent.callback)

    assert answer.headers["location"] == f"{SETTINGS_PAGE}unavailable"
    assert time.monotonic() - started < 5
    assert await stored_connections(api) == []
