"""Hard limits on attempts, shared by sign-in and registration.

An attempt is counted against each of its limits before the work it guards (checking a
password, looking an email up), so a burst of parallel attempts cannot all slip in before
the first failure is written. A limit that is used up locks its subject out for the
policy's lockout, doubling with each further attempt; while any limit is locked out the
attempt is refused (429) and nothing of it is kept.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from ipaddress import IPv6Address, IPv6Network, ip_address

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import transaction
from echo_core.errors import TooManyAttemptsError
from echo_core.operations.login_throttle_repository import LoginThrottleRepository
from echo_core.services.throttle_policy import ThrottlePolicy


@dataclass(frozen=True)
class Limit:
    scope: str
    subject: str
    allowed: int


async def count_within_limits(
    session: AsyncSession,
    limits: Sequence[Limit],
    policy: ThrottlePolicy,
    now: datetime,
    refusal: str,
) -> None:
    """Count one attempt against every limit, or roll back and raise 429 (`refusal`, then
    how long to wait) while any of them is locked out."""
    throttles = LoginThrottleRepository(session)
    locked_until: list[datetime] = []
    for limit in limits:
        counted = await throttles.count_attempt(
            limit.scope, limit.subject, now, now + policy.window
        )
        if counted.blocked_until is not None and counted.blocked_until > now:
            locked_until.append(counted.blocked_until)
            continue
        lockout = policy.lockout(counted.failures, limit.allowed)
        if lockout is not None:
            until = now + lockout
            await throttles.block(limit.scope, limit.subject, until, until + policy.window)
    if locked_until:
        # Nothing of this attempt is kept: no limit counts a refused attempt.
        await transaction.rollback(session)
        raise _refusal(refusal, max(locked_until) - now)


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


def _refusal(refusal: str, remaining: timedelta) -> TooManyAttemptsError:
    seconds = max(1, math.ceil(remaining.total_seconds()))
    return TooManyAttemptsError(f"{refusal} Try again in {_in_words(seconds)}.", seconds)


def _in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hour{'s' if hours != 1 else ''}"
