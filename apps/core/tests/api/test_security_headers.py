"""Security headers on API responses, and cross-origin access (off unless configured)."""

from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from echo_core.api.app import create_app
from echo_core.config import Settings
from tests.conftest import Api, AppFactory, auth

# Headers don't depend on the database: one is enough.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

JSON_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
STUDIO = "https://studio.example.com"


def assert_base_headers(response: httpx.Response) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"


@sqlite_only
async def test_json_answers_carry_a_restrictive_policy(api: Api) -> None:
    token = await api.register("alice@example.com")

    answers = [
        await api.client.get("/api/health"),
        await api.client.get("/api/videos", headers=auth(token)),
        await api.client.get("/api/videos/no-such-video", headers=auth(token)),
        await api.client.get("/api/videos"),
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 404, 401]
    for answer in answers:
        assert_base_headers(answer)
        assert answer.headers["Content-Security-Policy"] == JSON_POLICY


@sqlite_only
async def test_auth_answers_are_never_stored(api: Api) -> None:
    token = await api.register("alice@example.com")

    answers = [
        await api.client.post(
            "/api/auth/login",
            json={"email": "alice@example.com", "password": "correct horse battery"},
        ),
        await api.client.post(
            "/api/auth/login", json={"email": "alice@example.com", "password": "wrong password"}
        ),
        await api.client.get("/api/auth/me", headers=auth(token)),
        await api.client.post("/api/auth/logout", headers=auth(token)),
    ]

    assert [answer.status_code for answer in answers] == [200, 401, 200, 204]
    for answer in answers:
        assert_base_headers(answer)
        assert answer.headers["Cache-Control"] == "no-store"


@sqlite_only
async def test_other_answers_keep_their_own_caching(api: Api) -> None:
    assert "Cache-Control" not in (await api.client.get("/api/health")).headers


@sqlite_only
async def test_media_keeps_its_type_and_caching_and_gets_no_json_policy(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("alice@example.com")
    video_id = (await api.upload(token, sample_mp4)).json()["video_id"]

    response = await api.client.get(f"/api/videos/{video_id}/original", headers=auth(token))

    assert response.status_code == 200
    assert_base_headers(response)
    assert response.headers["Content-Type"] == "video/mp4"
    assert response.headers["Cache-Control"] == "private, max-age=0"
    assert "Content-Security-Policy" not in response.headers


@sqlite_only
async def test_the_docs_page_may_load_its_scripts(api: Api) -> None:
    response = await api.client.get("/docs")

    assert response.status_code == 200
    assert_base_headers(response)
    # Swagger UI loads from a CDN; the JSON policy would blank the page.
    assert "Content-Security-Policy" not in response.headers


@sqlite_only
async def test_an_unexpected_error_carries_the_headers_too(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(settings)

    async def broken_health(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("sqlalchemy.ext.asyncio.AsyncSession.execute", broken_health)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://echo.test") as client:
        response = await client.get("/api/health")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert_base_headers(response)
    assert response.headers["Content-Security-Policy"] == JSON_POLICY


# Cross-origin access


@sqlite_only
async def test_cors_is_off_by_default(api: Api) -> None:
    simple = await api.client.get("/api/health", headers={"Origin": STUDIO})
    preflight = await api.client.options(
        "/api/videos", headers={"Origin": STUDIO, "Access-Control-Request-Method": "POST"}
    )

    for response in (simple, preflight):
        assert not any(name.startswith("access-control-") for name in response.headers)


@pytest.fixture
async def cors_api(make_api: AppFactory, settings: Settings) -> Api:
    return await make_api(settings.model_copy(update={"cors_origins": [STUDIO]}))


@sqlite_only
async def test_a_listed_origin_may_call_with_credentials(cors_api: Api) -> None:
    response = await cors_api.client.get("/api/health", headers={"Origin": STUDIO})

    assert response.headers["Access-Control-Allow-Origin"] == STUDIO
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]
    assert "Origin" in response.headers["Vary"]


@sqlite_only
async def test_a_listed_origin_gets_its_preflight_answered(cors_api: Api) -> None:
    response = await cors_api.client.options(
        "/api/videos",
        headers={
            "Origin": STUDIO,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == STUDIO
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]


@sqlite_only
async def test_an_unlisted_origin_gets_no_cors_headers(cors_api: Api) -> None:
    simple = await cors_api.client.get("/api/health", headers={"Origin": "https://evil.example"})
    preflight = await cors_api.client.options(
        "/api/videos",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )

    for response in (simple, preflight):
        assert "Access-Control-Allow-Origin" not in response.headers
        assert "Access-Control-Allow-Credentials" not in response.headers
    assert preflight.status_code == 405


@pytest.mark.parametrize("value", ["*", "https://studio.example.com/app", "studio.example.com"])
def test_cors_origins_must_be_origins(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECHO_CORS_ORIGINS", f"http://localhost:3000, {value}")

    with pytest.raises(ValidationError, match="is not an origin"):
        Settings()


def test_cors_origins_are_read_as_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECHO_CORS_ORIGINS", "https://Studio.Example.com/, http://localhost:3000")

    assert Settings().cors_origins == [STUDIO, "http://localhost:3000"]
