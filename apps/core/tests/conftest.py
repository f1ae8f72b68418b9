"""Fixtures: a real database per test (SQLite and PostgreSQL), the app, users and media."""

import os
import shutil
import tempfile

# No test downloads a speech model: huggingface_hub stays offline and keeps its cache in a
# folder of this session, where tests put the tiny models they build. Set before
# huggingface_hub is imported, which reads them once.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_CACHE"] = tempfile.mkdtemp(prefix="echo-hf-cache-")
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from echo_core.api.app import create_app
from echo_core.config import Settings
from echo_core.runtime import Runtime
from tests.databases import (
    PostgresDatabases,
    SqliteDatabases,
    postgres_admin_url,
    postgres_required,
)
from tests.media import make_video

DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
async def database_templates() -> AsyncIterator[dict[str, SqliteDatabases | PostgresDatabases]]:
    root = Path(tempfile.mkdtemp(prefix="echo-db-"))
    templates: dict[str, SqliteDatabases | PostgresDatabases] = {"sqlite": SqliteDatabases(root)}
    admin_url = postgres_admin_url()
    if admin_url:
        templates["postgresql"] = PostgresDatabases(admin_url)
    for template in templates.values():
        await template.prepare()
    yield templates
    for template in templates.values():
        await template.close()


@pytest.fixture(params=DATABASES)
async def database_url(
    request: pytest.FixtureRequest,
    database_templates: dict[str, SqliteDatabases | PostgresDatabases],
    tmp_path: Path,
) -> AsyncIterator[str]:
    kind: str = request.param
    if kind not in database_templates:
        if postgres_required():
            pytest.fail("PostgreSQL is required (ECHO_REQUIRE_POSTGRES) but no server answered")
        pytest.skip("no PostgreSQL server; set ECHO_TEST_DATABASE_URL to test against one")
    async with database_templates[kind].fresh(tmp_path) as url:
        yield url


def settings_for(database_url: str, tmp_path: Path) -> Settings:
    """The settings every test's app runs with, on `database_url`."""
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        jwt_secret="test-secret-that-is-long-enough-for-hs256-keys",
        supabase_jwt_secret="supabase-test-secret-long-enough-for-hs256",
    )


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return settings_for(database_url, tmp_path)


@dataclass
class Api:
    """The app under test, reachable over its real ASGI interface."""

    client: httpx.AsyncClient
    settings: Settings
    runtime: Runtime

    async def register(self, email: str, password: str = "correct horse battery") -> str:
        response = await self.client.post(
            "/api/auth/register", json={"email": email, "password": password}
        )
        assert response.status_code == 201, response.text
        token: str = response.json()["access_token"]
        return token

    async def upload(
        self, token: str, path: Path, filename: str | None = None, content_type: str = "video/mp4"
    ) -> httpx.Response:
        with path.open("rb") as handle:
            return await self.client.post(
                "/api/videos",
                headers=auth(token),
                files={"file": (filename or path.name, handle, content_type)},
            )

    def stored_files(self) -> list[Path]:
        media = self.settings.media_dir
        return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []

    def temporary_files(self) -> list[Path]:
        tmp = self.settings.uploads_tmp_dir
        return list(tmp.iterdir()) if tmp.exists() else []


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


AppFactory = Callable[[Settings], Awaitable[Api]]


@pytest.fixture
async def make_api() -> AsyncIterator[AppFactory]:
    opened: list[Api] = []

    async def factory(settings: Settings) -> Api:
        app = create_app(settings)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://echo.test"
        )
        # ASGITransport runs no lifespan: the runtime stays unopened (no event listener),
        # and is closed here as the lifespan would.
        runtime: Runtime = app.state.echo.runtime
        opened.append(Api(client=client, settings=settings, runtime=runtime))
        return opened[-1]

    yield factory
    for api in opened:
        await api.client.aclose()
        await api.runtime.close()


@pytest.fixture
async def api(make_api: AppFactory, settings: Settings) -> Api:
    return await make_api(settings)


@pytest.fixture(scope="session")
def media_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="echo-media-"))


@pytest.fixture(scope="session")
def sample_mp4(media_dir: Path) -> Path:
    return make_video(media_dir / "sample.mp4", seconds=2.0)


@pytest.fixture(scope="session")
def sample_webm(media_dir: Path) -> Path:
    return make_video(media_dir / "sample.webm", seconds=2.0)


@pytest.fixture(scope="session")
def long_mp4(media_dir: Path) -> Path:
    """Long enough to hold chapters (three of at least 10 s)."""
    return make_video(media_dir / "long.mp4", seconds=40.0, width=160, height=120, fps=10)


def pytest_sessionfinish() -> None:
    shutil.rmtree(os.environ["HF_HUB_CACHE"], ignore_errors=True)
