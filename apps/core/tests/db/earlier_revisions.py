"""A test's database taken back to an earlier revision, and rows written as that revision
had them, for the tests of the upgrades that follow."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from alembic import command
from sqlalchemy import TableClause, column, table
from sqlalchemy.ext.asyncio import AsyncEngine

from echo_core.db import create_engine
from echo_core.migrate import alembic_config
from echo_core.models.base import Base


async def downgrade_to(database_url: str, revision: str) -> None:
    # env.py runs its own event loop, so Alembic must run outside this one.
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), revision)


@asynccontextmanager
async def engine_of(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine of the test's own, so that no connection outlives it into a migration."""
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


def table_without(model: type[Base], *later_columns: str) -> TableClause:
    """The model's table as a revision before `later_columns` were added has it."""
    kept = (column(c.name, c.type) for c in model.__table__.c if c.name not in later_columns)
    return table(model.__tablename__, *kept)


def video_row(video_id: str, owner_id: str, written_at: datetime) -> dict[str, Any]:
    """A video as every revision can hold it: the columns the first one made."""
    return {
        "id": video_id,
        "uploader_user_id": owner_id,
        "original_filename": "talk.mp4",
        "storage_path": f"videos/{owner_id}/{video_id}.mp4",
        "content_type": "video/mp4",
        "size_bytes": 1024,
        "created_at": written_at,
        "updated_at": written_at,
    }


def job_row(
    job_id: str, video_id: str, status: str, written_at: datetime, **columns: Any
) -> dict[str, Any]:
    """A job with the columns the first revision requires; `columns` adds or replaces."""
    return {
        "id": job_id,
        "video_id": video_id,
        "status": status,
        "processing_stages": [],
        "attempts": 1,
        "priority": 0,
        "created_at": written_at,
        "updated_at": written_at,
        **columns,
    }
