"""Echo's SQLite connections (echo_core/sqlite_connection.py) through the engine the app
uses: what every statement does is unchanged, and a read takes one thread trip."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from echo_core.db import create_engine
from echo_core.migrate import upgrade_to_head_async
from echo_core.models.user import User
from echo_core.sqlite_connection import IdleAwareConnection


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'echo.db'}"
    await upgrade_to_head_async(url)
    engine = create_engine(url)
    yield engine
    await engine.dispose()


def user(number: int) -> dict[str, str]:
    return {"id": f"u{number}", "email": f"u{number}@example.com", "password_hash": "-"}


async def emails(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        return list((await connection.scalars(select(User.email).order_by(User.id))).all())


async def test_a_committed_write_is_kept_and_a_rolled_back_one_is_not(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(insert(User), [user(1), user(2)])
        await connection.commit()
        await connection.execute(insert(User), [user(3)])
        await connection.rollback()

    assert await emails(engine) == ["u1@example.com", "u2@example.com"]


async def test_rows_counts_and_errors_come_back_as_before(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(insert(User), [user(n) for n in range(5)])
        changed = await connection.execute(
            update(User).where(User.id.in_(["u1", "u2"])).values(is_admin=True)
        )
        returned = await connection.execute(
            update(User).where(User.id == "u3").values(is_admin=True).returning(User.email)
        )
        assert changed.rowcount == 2
        assert returned.scalars().all() == ["u3@example.com"]

    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(insert(User), [user(9), user(9)])
    assert len(await emails(engine)) == 5


async def test_a_read_takes_one_trip_to_the_thread(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as warm:
        await warm.execute(text("SELECT 1"))
    trips: list[object] = []
    original = IdleAwareConnection._execute

    async def counted(self: IdleAwareConnection, *args: object, **kwargs: object) -> object:
        trips.append(args)
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(IdleAwareConnection, "_execute", counted)

    # A request's shape: a transaction, one SELECT, commit, the connection returned.
    async with engine.connect() as connection:
        found = (await connection.execute(select(User.id))).all()
        await connection.commit()

    assert found == []
    assert len(trips) == 1
