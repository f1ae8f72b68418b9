"""Slows down probing registration for emails that have accounts.

Registration must answer "this email already has an account" (409), so whoever sends
registrations learns which emails exist. Each registration is counted against the client
address (`register_attempts_per_address`, then a lockout like sign-in's) before the email
is looked up, and a registration that creates an account gives its attempt back, so people
signing up together behind one address are never stopped; only refusals add up.
"""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core import transaction
from echo_core.models.base import utcnow
from echo_core.operations.login_throttle_repository import LoginThrottleRepository
from echo_core.services.attempt_limits import Limit, address_subject, count_within_limits
from echo_core.services.throttle_policy import ThrottlePolicy

REGISTRATION = "register"
REFUSAL = "Too many registration attempts."


class RegistrationThrottle:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], policy: ThrottlePolicy) -> None:
        self._sessions = sessions
        self._policy = policy

    async def admit(self, address: str) -> None:
        """Count one registration from the address, or refuse it (429) while it is locked out."""
        now = utcnow()
        limit = Limit(
            REGISTRATION, address_subject(address), self._policy.register_attempts_per_address
        )
        async with self._sessions() as session:
            await count_within_limits(session, [limit], self._policy, now, REFUSAL)
            await LoginThrottleRepository(session).prune(now)
            await transaction.commit(session)

    async def succeeded(self, address: str) -> None:
        async with self._sessions() as session:
            await LoginThrottleRepository(session).refund_attempt(
                REGISTRATION, address_subject(address), self._policy.register_attempts_per_address
            )
            await transaction.commit(session)
