"""The throttle and revocation statements on a real database, with the clock in hand."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.db import create_engine, create_session_factory
from echo_core.models import LoginThrottle, RevokedToken
from echo_core.models.user import User
from echo_core.operations.expired_rows import PRUNE_BATCH
from echo_core.operations.login_throttle_repository import LoginThrottleRepository
from echo_core.operations.revoked_token_repository import RevokedTokenRepository
from echo_core.operations.token_standing_repository import TokenStanding, TokenStandingRepository

NOON = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def at(minutes: float) -> datetime:
    return NOON + timedelta(minutes=minutes)


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(database_url)
    sessions: async_sessionmaker[AsyncSession] = create_session_factory(engine)
    async with sessions() as session:
        yield session
    await engine.dispose()


async def count(throttles: LoginThrottleRepository, minutes: float) -> tuple[int, bool]:
    """Count an attempt `minutes` past noon: the count, and whether a block is in force."""
    now = at(minutes)
    counted = await throttles.count_attempt("account", "alice@example.com", now, now + WINDOW)
    return counted.failures, counted.blocked_until is not None and counted.blocked_until > now


async def test_attempts_add_up_within_the_window(session: AsyncSession) -> None:
    throttles = LoginThrottleRepository(session)

    counts = [await count(throttles, minutes) for minutes in (0, 10, 20)]

    # Each attempt is under 15 minutes after the one before, so none is forgotten.
    assert counts == [(1, False), (2, False), (3, False)]


async def test_a_quiet_window_forgets_the_history(session: AsyncSession) -> None:
    throttles = LoginThrottleRepository(session)
    await count(throttles, 0)
    await count(throttles, 1)

    assert await count(throttles, 1 + 15) == (1, False)


async def test_an_attempt_during_a_block_changes_nothing(session: AsyncSession) -> None:
    throttles = LoginThrottleRepository(session)
    await count(throttles, 0)
    await throttles.block("account", "alice@example.com", at(1), at(1) + WINDOW)

    assert await count(throttles, 0.5) == (1, True)
    stored = await session.get_one(LoginThrottle, ("account", "alice@example.com"))
    assert stored.forget_at == at(1) + WINDOW


async def test_the_history_outlives_a_block_by_the_window(session: AsyncSession) -> None:
    throttles = LoginThrottleRepository(session)
    await count(throttles, 0)
    # A one-hour block: the first attempt after it must still count as a repeat offence.
    await throttles.block("account", "alice@example.com", at(60), at(60) + WINDOW)

    assert await count(throttles, 61) == (2, False)
    assert await count(throttles, 61 + 15) == (1, False)


async def test_a_refund_below_the_allowance_lifts_the_block(session: AsyncSession) -> None:
    throttles = LoginThrottleRepository(session)
    for minutes in range(3):
        await count(throttles, minutes)
    await throttles.block("account", "alice@example.com", at(5), at(5) + WINDOW)

    await throttles.refund_attempt("account", "alice@example.com", allowed=3)

    stored = await session.get_one(LoginThrottle, ("account", "alice@example.com"))
    await session.refresh(stored)
    assert (stored.failures, stored.blocked_until) == (2, None)


async def test_pruning_removes_only_forgotten_histories(session: AsyncSession) -> None:
    throttles = LoginThrottleRepository(session)
    await throttles.count_attempt("address", "198.51.100.1", at(0), at(0) + WINDOW)
    await throttles.count_attempt("address", "198.51.100.2", at(10), at(10) + WINDOW)

    await throttles.prune(at(20))

    subjects = await session.scalars(select(LoginThrottle.subject))
    assert list(subjects) == ["198.51.100.2"]


async def test_pruning_takes_a_batch_at_a_time(session: AsyncSession) -> None:
    tokens = RevokedTokenRepository(session)
    for number in range(PRUNE_BATCH + 5):
        await tokens.add(f"token-{number}", at(0))

    await tokens.prune(at(1))

    assert len(list(await session.scalars(select(RevokedToken.jti)))) == 5


async def test_a_revoked_token_is_known_until_pruned_after_its_expiry(
    session: AsyncSession,
) -> None:
    tokens = RevokedTokenRepository(session)
    standing = TokenStandingRepository(session)
    await tokens.add("signed-out", at(30))
    # Revoking twice (two sign-outs racing) is not an error.
    await tokens.add("signed-out", at(30))

    await tokens.prune(at(29))
    still_known = await standing.read("signed-out", "someone")
    await tokens.prune(at(31))

    assert still_known.revoked
    assert not (await standing.read("signed-out", "someone")).revoked
    assert not (await standing.read("never-revoked", "someone")).revoked


async def test_one_read_tells_a_revoked_token_and_a_missing_account_apart(
    session: AsyncSession,
) -> None:
    session.add(User(id="alice", email="alice@example.com", password_hash="-"))
    await session.flush()
    await RevokedTokenRepository(session).add("alice-old", at(30))
    standing = TokenStandingRepository(session)

    assert await standing.read("alice-old", "alice") == TokenStanding(True, True)
    assert await standing.read("alice-new", "alice") == TokenStanding(False, True)
    assert await standing.read("alice-old", "bob") == TokenStanding(True, False)
    # A token without an id (Supabase's) is never revoked.
    assert await standing.read(None, "alice") == TokenStanding(False, True)
