"""Writes signed in by the session cookie must come from the API's own site."""

from pathlib import Path

import httpx
import pytest

from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.config import Settings
from tests.auth.test_auth import error_of
from tests.conftest import Api, AppFactory, auth

# The check reads headers only; one database is enough.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

OWN_ORIGIN = "http://echo.test"  # the test client's base URL
FOREIGN = "https://evil.example"


@pytest.fixture
async def token(api: Api) -> str:
    return await api.register("alice@example.com")


@pytest.fixture
async def video_id(api: Api, token: str, sample_mp4: Path) -> str:
    uploaded: str = (await api.upload(token, sample_mp4)).json()["video_id"]
    return uploaded


def cookie(token: str) -> dict[str, str]:
    return {"Cookie": f"{SESSION_COOKIE}={token}"}


async def delete_video(api: Api, video_id: str, headers: dict[str, str]) -> httpx.Response:
    return await api.client.delete(f"/api/videos/{video_id}", headers=headers)


async def assert_refused_and_unchanged(
    api: Api, token: str, video_id: str, response: httpx.Response
) -> None:
    error = error_of(response, 403)
    assert error["code"] == "forbidden"
    assert error["message"] == "Cross-site request refused."
    still_there = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    assert still_there.status_code == 200


@pytest.mark.parametrize(
    "sender",
    [
        {"Origin": FOREIGN},
        {"Origin": "null"},
        {"Referer": f"{FOREIGN}/page"},
        # A sibling subdomain is same-site (SameSite=Lax lets the cookie through) but not us.
        {"Origin": "http://files.echo.test"},
        {},
    ],
    ids=["foreign-origin", "null-origin", "foreign-referer", "sibling-subdomain", "no-origin"],
)
async def test_a_cookie_write_from_elsewhere_is_refused(
    api: Api, token: str, video_id: str, sender: dict[str, str]
) -> None:
    response = await delete_video(api, video_id, cookie(token) | sender)

    await assert_refused_and_unchanged(api, token, video_id, response)


@pytest.mark.parametrize(
    "sender",
    [{"Origin": OWN_ORIGIN}, {"Referer": f"{OWN_ORIGIN}/videos/1"}],
    ids=["origin", "referer"],
)
async def test_a_cookie_write_from_the_own_site_is_done(
    api: Api, token: str, video_id: str, sender: dict[str, str]
) -> None:
    response = await delete_video(api, video_id, cookie(token) | sender)

    assert response.status_code == 204, response.text


async def test_every_unsafe_method_is_checked(api: Api, token: str, video_id: str) -> None:
    foreign = cookie(token) | {"Origin": FOREIGN}

    answers = [
        await api.client.patch(
            f"/api/videos/{video_id}/metadata", json={"title": "Hijacked"}, headers=foreign
        ),
        await api.client.post(f"/api/videos/{video_id}/reprocess", headers=foreign),
        await api.client.post("/api/auth/logout", headers=foreign),
    ]

    assert [answer.status_code for answer in answers] == [403, 403, 403]
    # The session was not signed out by the foreign page.
    assert (await api.client.get("/api/auth/me", headers=cookie(token))).status_code == 200


async def test_cookie_reads_from_elsewhere_are_not_refused(api: Api, token: str) -> None:
    # Reads change nothing, and the browser keeps a foreign page from seeing the answer.
    response = await api.client.get("/api/videos", headers=cookie(token) | {"Origin": FOREIGN})

    assert response.status_code == 200, response.text


async def test_bearer_writes_are_not_checked(api: Api, token: str, video_id: str) -> None:
    # A browser never adds an Authorization header by itself, so it cannot be forged.
    response = await delete_video(api, video_id, auth(token) | {"Origin": FOREIGN})

    assert response.status_code == 204, response.text


async def test_sign_in_is_not_a_cookie_write(api: Api, token: str) -> None:
    response = await api.client.post(
        "/api/auth/login",
        json={"email": "alice@example.com", "password": "correct horse battery"},
        headers=cookie(token) | {"Origin": FOREIGN},
    )

    assert response.status_code == 200, response.text


def through_web_app(token: str, browser_origin: str) -> dict[str, str]:
    """What the web app's /api proxy sends: its own Host for the backend, the browser's in
    X-Forwarded-Host (the test client connects from 127.0.0.1, like the proxy)."""
    return cookie(token) | {
        "Host": "127.0.0.1:8000",
        "X-Forwarded-Host": "localhost:3000",
        "X-Forwarded-Proto": "http",
        "Origin": browser_origin,
    }


async def test_a_write_through_the_web_apps_proxy_is_done(
    api: Api, token: str, video_id: str
) -> None:
    response = await delete_video(api, video_id, through_web_app(token, "http://localhost:3000"))

    assert response.status_code == 204, response.text


async def test_x_forwarded_host_counts_only_from_a_trusted_proxy(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"trusted_proxies": []}))
    token = await api.register("alice@example.com")
    video_id = (await api.upload(token, sample_mp4)).json()["video_id"]

    response = await delete_video(api, video_id, through_web_app(token, "http://localhost:3000"))

    await assert_refused_and_unchanged(api, token, video_id, response)


async def test_a_listed_origin_may_write(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"allowed_origins": ["https://app.example"]}))
    token = await api.register("alice@example.com")
    video_id = (await api.upload(token, sample_mp4)).json()["video_id"]

    response = await delete_video(api, video_id, cookie(token) | {"Origin": "https://app.example"})

    assert response.status_code == 204, response.text
