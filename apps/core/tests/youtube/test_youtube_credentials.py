"""The access tokens calls to YouTube carry: kept while valid, refreshed when expired or
answered 401 (once per call), and a refused refresh marks the connection for reconnecting."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update

from echo_core.auth.secret_box import SecretBox
from echo_core.models.base import utcnow
from echo_core.models.youtube_connection import YouTubeConnection
from echo_core.youtube.credentials import (
    YouTubeCredentials,
    call_with_refresh,
    credentials_for_user,
)
from echo_core.youtube.errors import GoogleUnavailable, YouTubeConnectionLost, YouTubeNotConnected
from tests.conftest import Api, auth
from tests.fake_google import FakeGoogle
from tests.youtube.conftest import connect_channel, connection_of


async def connected_user(api: Api) -> str:
    token = await api.register("creator@example.com")
    answer = await connect_channel(api, token)
    assert answer.headers["location"].endswith("youtube=connected")
    return token


async def user_id(api: Api, token: str) -> str:
    me = await api.client.get("/api/auth/me", headers=auth(token))
    value: str = me.json()["id"]
    return value


async def credentials(api: Api, token: str) -> YouTubeCredentials:
    box = SecretBox.from_settings(api.settings)
    owner = await user_id(api, token)
    return await credentials_for_user(api.runtime.session_factory, api.settings, box, owner)


async def list_channel(google: FakeGoogle, credentials: YouTubeCredentials) -> httpx.Response:
    """A call to YouTube as publishing makes them: a 401 refreshes once and tries again."""
    async with httpx.AsyncClient() as client:

        async def send(access_token: str) -> httpx.Response:
            return await client.get(
                f"{google.base_url}/youtube/v3/channels",
                params={"part": "snippet", "mine": "true"},
                headers={"Authorization": f"Bearer {access_token}"},
            )

        return await call_with_refresh(credentials, send)


def refreshes(google: FakeGoogle) -> int:
    return sum(r.form.get("grant_type") == "refresh_token" for r in google.requests_to("/token"))


async def expire_saved_access_token(api: Api) -> None:
    async with api.runtime.session_factory() as session:
        await session.execute(
            update(YouTubeConnection).values(access_token_expires_at=utcnow() - timedelta(1))
        )
        await session.commit()


async def test_a_valid_access_token_is_used_without_asking_google(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await connected_user(youtube_api)

    answer = await list_channel(google, await credentials(youtube_api, token))

    assert answer.status_code == 200
    assert answer.json()["items"][0]["snippet"]["title"] == "Sourdough Weekly"
    assert refreshes(google) == 0


async def test_an_expired_access_token_is_refreshed_before_the_call_and_kept(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await connected_user(youtube_api)
    await expire_saved_access_token(youtube_api)
    google.expire_access_tokens()

    answer = await list_channel(google, await credentials(youtube_api, token))

    assert answer.status_code == 200
    assert refreshes(google) == 1
    assert 401 not in [r.status for r in google.requests_to("/youtube/v3/channels")]
    # The new token was saved: the next process to ask uses it without refreshing.
    assert (await list_channel(google, await credentials(youtube_api, token))).status_code == 200
    assert refreshes(google) == 1


async def test_a_401_refreshes_once_and_the_call_is_made_again(
    youtube_api: Api, google: FakeGoogle
) -> None:
    """Google expired the token before Echo expected: the call answers 401, the token is
    refreshed, and the same call succeeds."""
    token = await connected_user(youtube_api)
    google.expire_access_tokens()

    answer = await list_channel(google, await credentials(youtube_api, token))

    assert answer.status_code == 200
    assert refreshes(google) == 1
    # The first read is the one connecting made.
    assert [r.status for r in google.requests_to("/youtube/v3/channels")] == [200, 401, 200]


async def test_a_second_401_is_the_callers_and_not_refreshed_again(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await connected_user(youtube_api)
    google.expire_access_tokens()
    google.access_token_seconds = 0  # every new token is already expired

    answer = await list_channel(google, await credentials(youtube_api, token))

    assert answer.status_code == 401
    assert refreshes(google) == 1


async def test_a_revoked_refresh_token_marks_the_connection_for_reconnecting(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await connected_user(youtube_api)
    google.revoke_refresh_tokens()
    held = await credentials(youtube_api, token)

    with pytest.raises(YouTubeConnectionLost) as lost:
        await list_channel(google, held)

    assert "Connect the channel again" in lost.value.message
    connection = await connection_of(youtube_api, token)
    assert connection["connected"] is False
    assert connection["needs_reconnect"] is True
    assert connection["channel_title"] == "Sourdough Weekly"
    assert connection["message"] == lost.value.message
    with pytest.raises(YouTubeConnectionLost):
        await credentials(youtube_api, token)
    # Connecting again clears it.
    await connect_channel(youtube_api, token)
    connection = await connection_of(youtube_api, token)
    assert (connection["connected"], connection["needs_reconnect"]) == (True, False)


async def test_google_unavailable_during_a_refresh_changes_nothing(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await connected_user(youtube_api)
    await expire_saved_access_token(youtube_api)
    held = await credentials(youtube_api, token)
    google.fail_next("/token")

    with pytest.raises(GoogleUnavailable):
        await held.access_token()

    assert (await connection_of(youtube_api, token))["connected"] is True
    assert (await list_channel(google, held)).status_code == 200


async def test_credentials_held_across_a_disconnect_stop_working(
    youtube_api: Api, google: FakeGoogle
) -> None:
    token = await connected_user(youtube_api)
    held = await credentials(youtube_api, token)
    await youtube_api.client.delete("/api/youtube/connection", headers=auth(token))

    with pytest.raises(YouTubeConnectionLost):
        await held.access_token_after_unauthorized()

    with pytest.raises(YouTubeNotConnected):
        await credentials(youtube_api, token)


async def test_a_user_without_a_connection_is_told_to_connect(youtube_api: Api) -> None:
    token = await youtube_api.register("creator@example.com")
    with pytest.raises(YouTubeNotConnected) as missing:
        await credentials(youtube_api, token)
    assert missing.value.status_code == 409
