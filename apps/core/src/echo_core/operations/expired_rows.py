"""Pruning rows whose time has passed, a batch at a time, without waiting on anyone."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, inspect, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

PRUNE_BATCH = 100


async def delete_expired(
    session: AsyncSession, model: Any, expiry: InstrumentedAttribute[datetime], now: datetime
) -> None:
    """Delete up to PRUNE_BATCH rows of `model` whose `expiry` is before `now`.

    On PostgreSQL, rows another transaction holds are skipped (SKIP LOCKED), so pruning
    neither waits nor deadlocks with concurrent writers; the next prune takes them.
    Called on every write that adds rows, a batch keeps the table at its live size.
    """
    primary_key = inspect(model).primary_key
    expired = (
        select(*primary_key)
        .where(expiry < now)
        .limit(PRUNE_BATCH)
        .with_for_update(skip_locked=True)
    )
    statement = delete(model).where(tuple_(*primary_key).in_(expired))
    await session.execute(statement.execution_options(synchronize_session=False))
