"""The migrations build the schema the models describe, on SQLite and PostgreSQL alike."""

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, delete, func, inspect, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.db import create_engine, create_session_factory
from echo_core.migrate import alembic_config, upgrade_to_head_async
from echo_core.models import Base, ProcessingStatus, Video, VideoJob, VideoMetadata
from echo_core.models.spoken_segment import include_in_schema_comparison
from echo_core.services.jobs_factory import new_metadata, new_pending_job

LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)

T = TypeVar("T")


def _differences(connection: Connection) -> list[Any]:
    # Configured as migrations/env.py configures autogenerate, so "no differences" here
    # means `alembic revision --autogenerate` would write an empty migration.
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "target_metadata": Base.metadata,
            "include_name": include_in_schema_comparison,
        },
    )
    return list(compare_metadata(context, Base.metadata))


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _run_sync(database_url: str, function: Callable[[Connection], T]) -> T:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(function)
    finally:
        await engine.dispose()


async def _downgrade_to_base(database_url: str) -> None:
    # env.py runs its own event loop, so Alembic must run outside this one.
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "base")


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()


def _video(created_at: datetime = LONG_AGO) -> Video:
    return Video(
        uploader_user_id="user-1",
        original_filename="talk.mp4",
        storage_path="media/talk.mp4",
        content_type="video/mp4",
        size_bytes=1024,
        created_at=created_at,
        updated_at=created_at,
    )


async def test_migrated_schema_matches_the_models(database_url: str) -> None:
    assert await _run_sync(database_url, _differences) == []


async def test_downgrade_to_base_then_upgrade_again_rebuilds_the_schema(
    database_url: str,
) -> None:
    await _downgrade_to_base(database_url)
    # Alembic keeps its (now empty) version table; everything else is gone.
    assert await _run_sync(database_url, _table_names) == {"alembic_version"}

    await upgrade_to_head_async(database_url)
    assert await _run_sync(database_url, _differences) == []


async def test_updating_a_row_moves_updated_at_and_keeps_created_at(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        video = _video()
        session.add(video)
        await session.commit()

    async with sessions() as session:
        stored = await session.get_one(Video, video.id)
        stored.original_filename = "renamed.mp4"
        await session.commit()

    async with sessions() as session:
        updated = await session.get_one(Video, video.id)
        assert updated.created_at == LONG_AGO
        assert updated.updated_at > LONG_AGO


async def test_updating_a_job_moves_its_updated_at(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # VideoJob declares its own timestamps instead of using the Timestamps mixin.
    async with sessions() as session:
        video = _video()
        session.add(video)
        await session.flush()
        job = new_pending_job(video.id)
        job.created_at = job.updated_at = LONG_AGO
        session.add(job)
        await session.commit()

    async with sessions() as session:
        stored = await session.get_one(VideoJob, job.id)
        stored.status = ProcessingStatus.PROCESSING
        await session.commit()

    async with sessions() as session:
        updated = await session.get_one(VideoJob, job.id)
        assert updated.created_at == LONG_AGO
        assert updated.updated_at > LONG_AGO


async def test_timestamps_come_back_as_aware_utc(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # A non-UTC offset on the way in shows the value is converted, not just labelled.
    paris_noon = datetime(2025, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    async with sessions() as session:
        video = _video(created_at=paris_noon)
        session.add(video)
        await session.commit()

    async with sessions() as session:
        stored = await session.get_one(Video, video.id)
        assert stored.created_at == paris_noon
        assert stored.created_at.tzinfo == UTC
        assert stored.updated_at.tzinfo == UTC


async def test_naive_datetimes_are_refused(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        session.add(_video(created_at=datetime(2025, 6, 1, 12, 0)))
        with pytest.raises(StatementError, match="naive datetimes"):
            await session.commit()


async def test_deleting_a_video_cascades_to_its_jobs_and_metadata(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        video = _video()
        session.add(video)
        await session.flush()
        job = new_pending_job(video.id)
        session.add(job)
        await session.flush()
        session.add(new_metadata(job.id, None))
        await session.commit()

    # A Core DELETE bypasses the ORM cascades, so only the database's foreign keys act.
    async with sessions() as session:
        await session.execute(delete(Video).where(Video.id == video.id))
        await session.commit()

    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(VideoJob)) == 0
        assert await session.scalar(select(func.count()).select_from(VideoMetadata)) == 0


async def test_a_job_for_a_missing_video_is_rejected(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        session.add(new_pending_job("no-such-video"))
        with pytest.raises(IntegrityError):
            await session.commit()
