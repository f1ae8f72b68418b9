"""Creating an account from the API, throttled per client address."""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.passwords import check_password_strength
from echo_core.models.user import User
from echo_core.services.auth_service import AuthService, normalize_email
from echo_core.services.registration_throttle import RegistrationThrottle


class RegistrationService:
    def __init__(self, session: AsyncSession, throttle: RegistrationThrottle) -> None:
        self._auth = AuthService(session)
        self._throttle = throttle

    async def register(self, email: str, password: str, client_address: str) -> User:
        """The new user, or 409 when the email has an account, or 429 while the address is
        locked out (then the email is not even looked up)."""
        email = normalize_email(email)
        # A weak password is the person's own typing, not a probe: refused before counting.
        check_password_strength(password, email)
        await self._throttle.admit(client_address)
        user = await self._auth.register(email, password)
        await self._throttle.succeeded(client_address)
        return user
