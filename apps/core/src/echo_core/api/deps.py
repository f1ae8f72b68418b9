"""Request dependencies: the transaction, the signed-in principal, the app's services."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import transaction
from echo_core.api.cross_site import ensure_same_site_write
from echo_core.api.state import AppState
from echo_core.auth.principal import Principal
from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.errors import AuthenticationError
from echo_core.services.access_check_service import AccessCheckService

_bearer = HTTPBearer(auto_error=False, description="An access token from /api/auth/login")


async def get_app_state(request: Request) -> AppState:
    # async although it awaits nothing: FastAPI runs a plain function dependency in a
    # worker thread, a hop every request would pay for reading an attribute.
    state: AppState = request.app.state.echo
    return state


AppStateDep = Annotated[AppState, Depends(get_app_state)]


async def get_session(state: AppStateDep) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the handler succeeds, else rolled back."""
    async with state.session_factory() as session:
        try:
            yield session
        except BaseException:
            await transaction.rollback(session)
            raise
        await transaction.commit(session)


# scope="function": commit before the response is sent, so a 2xx means the data is saved.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_principal(
    request: Request,
    state: AppStateDep,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    # The bearer header is the API's way in; the cookie is how the web app's pages (the
    # video player, downloads) reach media without putting a token in a URL.
    token: str | None
    if credentials:
        token = credentials.credentials
    else:
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            ensure_same_site_write(request, state.settings)
    if not token:
        raise AuthenticationError("Sign in to continue.")
    principal = await state.tokens.verify(token)
    # In the request's own transaction: no extra connection for the checks.
    await AccessCheckService(session).ensure_current(principal)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
