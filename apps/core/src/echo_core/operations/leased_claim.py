"""Claiming the next row of a table that is a queue (jobs, publications, webhook
deliveries), in one statement on either database.

PostgreSQL: the inner SELECT locks the row with SKIP LOCKED, so concurrent workers pick
different rows. SQLite: the one UPDATE holds the database's single write lock. The UPDATE
asks `runnable` again, so a row that stopped being runnable meanwhile is not taken.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession


async def claim_with_lease(
    session: AsyncSession,
    queue: Any,
    runnable: ColumnElement[bool],
    order_by: Sequence[Any],
    worker_id: str,
    lease_expires_at: datetime,
    **values: Any,
) -> str | None:
    """The id of the first runnable row of the model `queue` by `order_by`, now leased to
    this worker with one more attempt counted and `values` written; None when none is."""
    candidate = (
        select(queue.id)
        .where(runnable)
        .order_by(*order_by)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    statement = (
        update(queue)
        .where(queue.id == candidate, runnable)
        .values(
            lease_owner=worker_id,
            lease_expires_at=lease_expires_at,
            attempts=queue.attempts + 1,
            **values,
        )
        .returning(queue.id)
        .execution_options(synchronize_session=False)
    )
    claimed_id: str | None = (await session.execute(statement)).scalar_one_or_none()
    return claimed_id
