"""The statements behind sign-in throttling, on `login_throttles`.

Each attempt is counted in one atomic upsert, so API processes sharing the database
never lose a count to a race; the row stays locked until the transaction ends.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.login_throttle import LoginThrottle
from echo_core.operations.dialect_insert import insert_for
from echo_core.operations.expired_rows import delete_expired


@dataclass(frozen=True)
class CountedAttempt:
    failures: int
    blocked_until: datetime | None


def _key(scope: str, subject: str) -> ColumnElement[bool]:
    return and_(LoginThrottle.scope == scope, LoginThrottle.subject == subject)


class LoginThrottleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def count_attempt(
        self, scope: str, subject: str, now: datetime, forget_at: datetime
    ) -> CountedAttempt:
        """Count one attempt, unless a block is in force (then nothing changes).

        A history past its forget_at starts again from this attempt.
        """
        forgotten = LoginThrottle.forget_at <= now
        blocked = LoginThrottle.blocked_until > now
        statement = (
            insert_for(self._session, LoginThrottle)
            .values(scope=scope, subject=subject, failures=1, forget_at=forget_at)
            .on_conflict_do_update(
                index_elements=[LoginThrottle.scope, LoginThrottle.subject],
                set_={
                    "failures": case(
                        (forgotten, 1),
                        (blocked, LoginThrottle.failures),
                        else_=LoginThrottle.failures + 1,
                    ),
                    "blocked_until": case((forgotten, None), else_=LoginThrottle.blocked_until),
                    "forget_at": case((blocked, LoginThrottle.forget_at), else_=forget_at),
                },
            )
            .returning(LoginThrottle.failures, LoginThrottle.blocked_until)
        )
        row = (await self._session.execute(statement)).one()
        return CountedAttempt(failures=row.failures, blocked_until=row.blocked_until)

    async def block(self, scope: str, subject: str, until: datetime, forget_at: datetime) -> None:
        statement = (
            update(LoginThrottle)
            .where(_key(scope, subject))
            .values(blocked_until=until, forget_at=forget_at)
        )
        await self._session.execute(statement.execution_options(synchronize_session=False))

    async def refund_attempt(self, scope: str, subject: str, allowed: int) -> None:
        """Take back one counted attempt; a block the count no longer reaches is lifted."""
        remaining = LoginThrottle.failures - 1
        statement = (
            update(LoginThrottle)
            .where(_key(scope, subject), LoginThrottle.failures > 0)
            .values(
                failures=remaining,
                blocked_until=case((remaining < allowed, None), else_=LoginThrottle.blocked_until),
            )
        )
        await self._session.execute(statement.execution_options(synchronize_session=False))

    async def forget(self, scope: str, subject: str) -> None:
        await self._session.execute(delete(LoginThrottle).where(_key(scope, subject)))

    async def prune(self, now: datetime) -> None:
        await delete_expired(self._session, LoginThrottle, LoginThrottle.forget_at, now)
