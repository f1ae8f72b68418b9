"""Slows password guessing down without letting a stranger lock an owner out.

Each sign-in attempt is counted three ways, in the database so every API process sees the
same counts:

- one account from one address: `login_attempts_per_account_and_address`, then a lockout;
- one address, whatever the accounts: `login_attempts_per_address`, then a lockout;
- one account from anywhere: only slowed down. Past `login_account_attempts_before_delay`
  each attempt waits before its password is checked, `login_account_delay_seconds` doubling
  up to `login_account_max_delay_seconds`, and is then answered. An account is never locked
  out as a whole, so its owner can sign in from their own address however many strangers
  guess at it from theirs.

The counts are written in transactions of their own: a failed sign-in is answered with
an error, which rolls the request's transaction back, and the failure must count anyway.
"""

import asyncio
import hashlib

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core import transaction
from echo_core.models.base import utcnow
from echo_core.operations.login_throttle_repository import LoginThrottleRepository
from echo_core.services.attempt_limits import Limit, address_subject, count_within_limits
from echo_core.services.throttle_policy import ThrottlePolicy

ACCOUNT = "account"
ADDRESS = "address"
ACCOUNT_AND_ADDRESS = "account_address"
REFUSAL = "Too many failed sign-in attempts."


class SignInThrottle:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], policy: ThrottlePolicy) -> None:
        self._sessions = sessions
        self._policy = policy

    async def admit(self, email: str, address: str) -> None:
        """Count one attempt, or refuse it (429) while the account at this address, or the
        address, is locked out; returns once the account's wait, if any, is over."""
        now = utcnow()
        limits = (
            Limit(
                ACCOUNT_AND_ADDRESS,
                account_at_address(email, address),
                self._policy.attempts_per_account_and_address,
            ),
            Limit(ADDRESS, address_subject(address), self._policy.attempts_per_address),
        )
        async with self._sessions() as session:
            await count_within_limits(session, limits, self._policy, now, REFUSAL)
            throttles = LoginThrottleRepository(session)
            # Never blocked, only counted: the count sets the wait.
            account = await throttles.count_attempt(ACCOUNT, email, now, now + self._policy.window)
            await throttles.prune(now)
            await transaction.commit(session)
        # After the commit: a waiting attempt holds no row lock and no connection.
        await asyncio.sleep(self._policy.account_wait(account.failures).total_seconds())

    async def succeeded(self, email: str, address: str) -> None:
        """The password was right: the account starts afresh, everywhere and at this address;
        the address gets its attempt back."""
        async with self._sessions() as session:
            throttles = LoginThrottleRepository(session)
            # Rows in the order admit() locks them, so the two never wait on each other.
            await throttles.forget(ACCOUNT_AND_ADDRESS, account_at_address(email, address))
            await throttles.refund_attempt(
                ADDRESS, address_subject(address), self._policy.attempts_per_address
            )
            await throttles.forget(ACCOUNT, email)
            await transaction.commit(session)


def account_at_address(email: str, address: str) -> str:
    """One subject for an account at an address. A digest, because an email (up to 254
    characters) and an address together could outgrow the subject column."""
    return hashlib.sha256(f"{address_subject(address)}\n{email}".encode()).hexdigest()
