"""Slows password guessing down, per account and per client address, across API processes.

Every attempt is counted before its password is checked, so a burst of parallel guesses
cannot all slip in before the first failure is written; a success refunds its attempt.
Once an account (or address) has used its allowance, it is locked out for
`login_lockout_seconds`, doubling with each further failed attempt, up to
`login_max_lockout_seconds`. The history is forgotten `login_failure_window_seconds`
after the last attempt (or the end of the last lockout).

The counts are written in transactions of their own: a failed sign-in is answered with
an error, which rolls the request's transaction back, and the failure must count anyway.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from ipaddress import IPv6Address, IPv6Network, ip_address

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core import transaction
from echo_core.config import Settings
from echo_core.errors import TooManyAttemptsError
from echo_core.models.base import utcnow
from echo_core.operations.login_throttle_repository import LoginThrottleRepository

ACCOUNT = "account"
ADDRESS = "address"
# 2**20 lockouts is far past any cap; stops the arithmetic before it overflows timedelta.
_MAX_DOUBLINGS = 20


@dataclass(frozen=True)
class ThrottlePolicy:
    attempts_per_account: int
    attempts_per_address: int
    window: timedelta
    first_lockout: timedelta
    longest_lockout: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> "ThrottlePolicy":
        return cls(
            attempts_per_account=settings.login_attempts_per_account,
            attempts_per_address=settings.login_attempts_per_address,
            window=timedelta(seconds=settings.login_failure_window_seconds),
            first_lockout=timedelta(seconds=settings.login_lockout_seconds),
            longest_lockout=timedelta(seconds=settings.login_max_lockout_seconds),
        )

    def lockout(self, attempts: int, allowed: int) -> timedelta | None:
        """How long to lock out after `attempts` counted attempts; None while within `allowed`."""
        if attempts < allowed:
            return None
        doublings = min(attempts - allowed, _MAX_DOUBLINGS)
        lockout: timedelta = self.first_lockout * (1 << doublings)
        return min(lockout, self.longest_lockout)


class SignInThrottle:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], policy: ThrottlePolicy) -> None:
        self._sessions = sessions
        self._policy = policy

    async def admit(self, email: str, address: str) -> None:
        """Count one attempt for the account and the address, or refuse it (429) while
        either is locked out; a refused attempt is not counted."""
        now = utcnow()
        limits = (
            (ACCOUNT, email, self._policy.attempts_per_account),
            (ADDRESS, address_subject(address), self._policy.attempts_per_address),
        )
        async with self._sessions() as session:
            throttles = LoginThrottleRepository(session)
            locked_until: list[datetime] = []
            for scope, subject, allowed in limits:
                counted = await throttles.count_attempt(
                    scope, subject, now, now + self._policy.window
                )
                if counted.blocked_until is not None and counted.blocked_until > now:
                    locked_until.append(counted.blocked_until)
                    continue
                lockout = self._policy.lockout(counted.failures, allowed)
                if lockout is not None:
                    until = now + lockout
                    await throttles.block(scope, subject, until, until + self._policy.window)
            if locked_until:
                # Nothing of this attempt is kept: neither limit counts a refused attempt.
                await transaction.rollback(session)
                raise _refusal(max(locked_until) - now)
            await throttles.prune(now)
            await transaction.commit(session)

    async def succeeded(self, email: str, address: str) -> None:
        """The password was right: the account starts afresh; the address gets its attempt back."""
        async with self._sessions() as session:
            throttles = LoginThrottleRepository(session)
            await throttles.forget(ACCOUNT, email)
            await throttles.refund_attempt(
                ADDRESS, address_subject(address), self._policy.attempts_per_address
            )
            await transaction.commit(session)


def address_subject(address: str) -> str:
    """The address as counted: IPv6 per /64, since one host usually holds a whole /64 and
    could otherwise take a fresh address for every guess."""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, IPv6Address):
        return str(IPv6Network((parsed, 64), strict=False))
    return address


def _refusal(remaining: timedelta) -> TooManyAttemptsError:
    seconds = max(1, math.ceil(remaining.total_seconds()))
    return TooManyAttemptsError(
        f"Too many failed sign-in attempts. Try again in {_in_words(seconds)}.", seconds
    )


def _in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hour{'s' if hours != 1 else ''}"
