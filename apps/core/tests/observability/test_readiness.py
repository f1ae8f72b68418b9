"""/api/ready: 200 while the database and the storage answer, 503 naming what does not;
/api/health stays the liveness check."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from echo_core.config import Settings
from echo_core.storage.base import StorageError
from tests.conftest import Api, AppFactory, settings_for
from tests.faulty_storage import FaultyStorage
from tests.private_postgres import PrivatePostgres, private_postgres, unavailable_reason


async def test_ready_while_database_and_storage_answer(api: Api) -> None:
    response = await api.client.get("/api/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "storage": "ok"}


async def test_not_ready_while_the_storage_fails(api: Api) -> None:
    api.runtime.storage = FaultyStorage(api.runtime.storage, "exists")
    response = await api.client.get("/api/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "not_ready", "database": "ok", "storage": "unreachable"}
    # Alive all the same: a liveness probe must not restart a process for its storage.
    assert (await api.client.get("/api/health")).status_code == 200


class HangingStorage(FaultyStorage):
    async def exists(self, key: str) -> bool:
        await asyncio.sleep(3600)
        raise StorageError("never reached")


async def test_a_hanging_storage_times_out_instead_of_hanging(
    make_api: AppFactory, settings: Settings
) -> None:
    api = await make_api(settings.model_copy(update={"ready_timeout_seconds": 0.3}))
    api.runtime.storage = HangingStorage(api.runtime.storage, "none")
    async with asyncio.timeout(5):
        response = await api.client.get("/api/ready")
    assert response.status_code == 503
    assert response.json()["storage"] == "timed_out"


@pytest.fixture
def stoppable_postgres() -> Iterator[PrivatePostgres]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with private_postgres() as server:
        yield server


async def test_not_ready_while_the_database_is_down_and_ready_again_after(
    stoppable_postgres: PrivatePostgres, make_api: AppFactory, tmp_path: Path
) -> None:
    database_url = await stoppable_postgres.migrated_database("echo")
    api = await make_api(settings_for(database_url, tmp_path))
    assert (await api.client.get("/api/ready")).status_code == 200

    stoppable_postgres.pg_ctl("stop", "-m", "fast")
    down = await api.client.get("/api/ready")
    assert down.status_code == 503
    assert down.json() == {"status": "not_ready", "database": "unreachable", "storage": "ok"}
    # Nothing about the server (host, port) is told to an unauthenticated caller.
    assert str(stoppable_postgres.port) not in down.text

    stoppable_postgres.pg_ctl("start")
    async with asyncio.timeout(30):
        while True:
            if (await api.client.get("/api/ready")).status_code == 200:
                break
            await asyncio.sleep(0.2)
