"""Local accounts: register, sign in, and who is signed in."""

import asyncio

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.passwords import (
    DUMMY_PASSWORD_HASH,
    check_password_strength,
    hash_password,
    verify_password,
)
from echo_core.errors import AuthenticationError, ConflictError
from echo_core.models.user import User
from echo_core.operations.instance_settings_repository import InstanceSettingsRepository
from echo_core.operations.user_repository import UserRepository

EMAIL_TAKEN = "An account with this email already exists."


def normalize_email(email: str) -> str:
    """Emails are kept and compared in lower case, so one address holds one account."""
    return email.strip().lower()


class AuthService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._users = UserRepository(session)
        self._instance = InstanceSettingsRepository(session)

    async def register(self, email: str, password: str, admin: bool = False) -> User:
        """A new account; an admin when `admin` is asked for or it is the instance's first."""
        email = normalize_email(email)
        check_password_strength(password, email)
        if await self._users.get_by_email(email) is not None:
            raise ConflictError(EMAIL_TAKEN, "email")
        password_hash = await asyncio.to_thread(hash_password, password)
        try:
            # A savepoint, so a concurrent registration's duplicate leaves the session usable.
            async with self._session.begin_nested():
                # In the savepoint: an account refused as a duplicate claims nothing.
                first = await self._instance.claim_first_account()
                user = User(email=email, password_hash=password_hash, is_admin=admin or first)
                return await self._users.add(user)
        except IntegrityError as error:
            raise ConflictError(EMAIL_TAKEN, "email") from error

    async def authenticate(self, email: str, password: str) -> User:
        user = await self._users.get_by_email(normalize_email(email))
        stored_hash = user.password_hash if user else DUMMY_PASSWORD_HASH
        matches = await asyncio.to_thread(verify_password, stored_hash, password)
        if user is None or not matches:
            raise AuthenticationError("Wrong email or password.")
        return user

    async def get_user(self, user_id: str) -> User | None:
        return await self._users.get_by_id(user_id)
