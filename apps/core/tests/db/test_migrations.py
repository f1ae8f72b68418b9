"""The migrations build the schema the models describe, on SQLite and PostgreSQL alike."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, delete, func, inspect, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.db import create_session_factory
from echo_core.migrate import upgrade_to_head_async
from echo_core.models import Base, ProcessingStatus, Video, VideoJob, VideoMetadata
from echo_core.models.spoken_segment import include_in_schema_comparison
from echo_core.services.jobs_factory import new_metadata, new_pending_job
from tests.db.earlier_revisions import downgrade_to, engine_of

LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)

T = TypeVar("T")
Stamped = TypeVar("Stamped", Video, VideoJob)


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
    async with engine_of(database_url) as engine, engine.connect() as connection:
        return await connection.run_sync(function)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    async with engine_of(database_url) as engine:
        yield create_session_factory(engine)


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


async def _saved_video(
    sessions: async_sessionmaker[AsyncSession], created_at: datetime = LONG_AGO
) -> Video:
    async with sessions() as session:
        video = _video(created_at)
        session.add(video)
        await session.commit()
    return video


async def _saved_job(sessions: async_sessionmaker[AsyncSession]) -> VideoJob:
    """A pending job written LONG_AGO, of a video written then too."""
    video = await _saved_video(sessions)
    async with sessions() as session:
        job = new_pending_job(video.id)
        job.created_at = job.updated_at = LONG_AGO
        session.add(job)
        await session.commit()
    return job


async def test_migrated_schema_matches_the_models(database_url: str) -> None:
    assert await _run_sync(database_url, _differences) == []


async def test_downgrade_to_base_then_upgrade_again_rebuilds_the_schema(
    database_url: str,
) -> None:
    await downgrade_to(database_url, "base")
    # Alembic keeps its (now empty) version table; everything else is gone.
    assert await _run_sync(database_url, _table_names) == {"alembic_version"}

    await upgrade_to_head_async(database_url)
    assert await _run_sync(database_url, _differences) == []


async def _assert_an_update_moves_only_updated_at(
    sessions: async_sessionmaker[AsyncSession],
    model: type[Stamped],
    row_id: str,
    **changes: Any,
) -> None:
    """`row_id` was written LONG_AGO; changing it now moves its updated_at, not created_at."""
    async with sessions() as session:
        stored = await session.get_one(model, row_id)
        for name, value in changes.items():
            setattr(stored, name, value)
        await session.commit()

    async with sessions() as session:
        updated = await session.get_one(model, row_id)
        assert updated.created_at == LONG_AGO
        assert updated.updated_at > LONG_AGO


async def test_updating_a_row_moves_updated_at_and_keeps_created_at(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    video = await _saved_video(sessions)

    await _assert_an_update_moves_only_updated_at(
        sessions, Video, video.id, original_filename="renamed.mp4"
    )


async def test_updating_a_job_moves_its_updated_at(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # VideoJob declares its own timestamps instead of using the Timestamps mixin.
    job = await _saved_job(sessions)

    await _assert_an_update_moves_only_updated_at(
        sessions, VideoJob, job.id, status=ProcessingStatus.PROCESSING
    )


async def test_timestamps_come_back_as_aware_utc(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # A non-UTC offset on the way in shows the value is converted, not just labelled.
    paris_noon = datetime(2025, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    video = await _saved_video(sessions, created_at=paris_noon)

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
    job = await _saved_job(sessions)
    async with sessions() as session:
        session.add(new_metadata(job.id, None))
        await session.commit()

    # A Core DELETE bypasses the ORM cascades, so only the database's foreign keys act.
    async with sessions() as session:
        await session.execute(delete(Video).where(Video.id == job.video_id))
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
