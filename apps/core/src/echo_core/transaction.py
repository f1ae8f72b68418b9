"""Work tied to the fate of a transaction that a service cannot commit itself.

Services never commit; the request dependency (or the job runner) does. When a service
touches storage it registers what to do once the outcome is known: delete a new file if
the rows never land, delete old files only once their rows are gone for good.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

T = TypeVar("T")
Callback = Callable[[], Awaitable[None]]
_AFTER_COMMIT = "echo_after_commit"
_AFTER_ROLLBACK = "echo_after_rollback"


def after_commit(session: AsyncSession, callback: Callback) -> None:
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def after_rollback(session: AsyncSession, callback: Callback) -> None:
    session.info.setdefault(_AFTER_ROLLBACK, []).append(callback)


async def commit(session: AsyncSession) -> None:
    try:
        await session.commit()
    except BaseException:
        await rollback(session)
        raise
    session.info.pop(_AFTER_ROLLBACK, None)
    for callback in session.info.pop(_AFTER_COMMIT, []):
        await callback()


async def rollback(session: AsyncSession) -> None:
    session.info.pop(_AFTER_COMMIT, None)
    try:
        await session.rollback()
    finally:
        for callback in session.info.pop(_AFTER_ROLLBACK, []):
            await callback()


async def run_in_own_transaction(
    session_factory: async_sessionmaker[AsyncSession],
    work: Callable[[AsyncSession], Awaitable[T]],
) -> T:
    """For work no request carries (the worker's): `work` gets a session of its own, whose
    transaction is committed when it returns and rolled back when it raises."""
    async with session_factory() as session:
        try:
            result = await work(session)
        except BaseException:
            await rollback(session)
            raise
        await commit(session)
        return result
