"""Signing in with a password, slowed down after repeated failures."""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.user import User
from echo_core.services.auth_service import AuthService, normalize_email
from echo_core.services.sign_in_throttle import SignInThrottle


class SignInService:
    def __init__(self, session: AsyncSession, throttle: SignInThrottle) -> None:
        self._auth = AuthService(session)
        self._throttle = throttle

    async def sign_in(self, email: str, password: str, client_address: str) -> User:
        """The user, or 401 for wrong credentials, or 429 while the account or address
        is locked out (then the password is not even checked)."""
        email = normalize_email(email)
        await self._throttle.admit(email, client_address)
        user = await self._auth.authenticate(email, password)
        await self._throttle.succeeded(email, client_address)
        return user
