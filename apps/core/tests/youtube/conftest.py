"""The fake Google, an app pointed at it, and a browser's walk through its consent page."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from echo_core.config import Settings
from tests.conftest import Api, AppFactory, auth
from tests.fake_google import FakeGoogle, running_fake_google
from tests.fake_google.oauth import DECISION_PATH

# The ASGI test client's address: Google sends the browser back to {PUBLIC_URL}/api/...
PUBLIC_URL = "http://echo.test"


@pytest.fixture
def google() -> Iterator[FakeGoogle]:
    with running_fake_google() as fake:
        yield fake


@pytest.fixture
async def youtube_api(make_api: AppFactory, settings: Settings, google: FakeGoogle) -> Api:
    client = google.register_client(f"{PUBLIC_URL}/api/youtube/callback")
    fields = google.settings_for(client, PUBLIC_URL)
    return await make_api(settings.model_copy(update=fields))


@dataclass
class Consent:
    """Where Google sent the browser back: the callback's path and query."""

    callback: str
    state: str
    code: str | None


async def start_connecting(api: Api, token: str) -> str:
    response = await api.client.post("/api/youtube/connect", headers=auth(token))
    assert response.status_code == 200, response.text
    url: str = response.json()["authorization_url"]
    return url


async def consent_at_google(authorization_url: str, decision: str = "allow") -> Consent:
    """What a person's browser does on Google's consent page: press Allow (or Cancel)."""
    async with httpx.AsyncClient() as browser:
        page = await browser.get(authorization_url)
        assert page.status_code == 200, page.text
        found = re.search(r'name="consent" value="([^"]+)"', page.text)
        assert found, page.text
        base = str(page.url).split("/o/oauth2", 1)[0]
        answer = await browser.post(
            f"{base}{DECISION_PATH}", data={"consent": found.group(1), "decision": decision}
        )
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(f"{PUBLIC_URL}/api/youtube/callback?")
    query = httpx.URL(location).params
    return Consent(location.removeprefix(PUBLIC_URL), query["state"], query.get("code"))


async def connect_channel(api: Api, token: str) -> httpx.Response:
    """Connect, consent and come back: the callback's answer."""
    consent = await consent_at_google(await start_connecting(api, token))
    return await api.client.get(consent.callback)


async def connection_of(api: Api, token: str) -> dict[str, object]:
    response = await api.client.get("/api/youtube/connection", headers=auth(token))
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body
