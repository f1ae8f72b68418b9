"""`WS /api/ws/jobs`: live hints about the signed-in creator's jobs.

The token never goes in the URL (where proxies and logs would keep it): it comes from
the session cookie, or as the first message `{"type": "auth", "token": "..."}`. A browser
adds the cookie whatever page opens the socket, so a cookie opens it only from the API's
own pages or a listed origin. The token is checked again while the socket is open: the
socket closes when the token expires, is signed out, or its account is deleted.
"""

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from echo_core import transaction
from echo_core.api.cross_site import is_own_or_allowed_origin
from echo_core.api.schemas.job_socket import (
    JobSocketAuthMessage,
    JobSocketEventMessage,
    JobSocketReadyMessage,
)
from echo_core.api.state import AppState
from echo_core.auth.principal import Principal
from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.errors import AuthenticationError
from echo_core.models.base import utcnow
from echo_core.observability.request_facts import note_user
from echo_core.services.access_check_service import AccessCheckService

router = APIRouter(tags=["jobs"])
logger = logging.getLogger(__name__)

AUTH_TIMEOUT_SECONDS = 10.0
# Application close codes (4000-4999): the client knows to sign in again.
CLOSE_NOT_AUTHENTICATED = 4401
# Before the handshake is accepted a close becomes an HTTP 403; the code is for ASGI only.
CLOSE_FORBIDDEN = 4403


@router.websocket("/ws/jobs", name="jobs-events")
async def job_events(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.echo
    if websocket.cookies.get(SESSION_COOKIE) and not _from_allowed_page(websocket, state):
        await websocket.close(code=CLOSE_FORBIDDEN)
        return
    await websocket.accept()
    principal = await _authenticate(websocket, state)
    if principal is None:
        return
    async with state.runtime.events.subscribe() as events:
        ready = JobSocketReadyMessage(user_id=principal.user_id)
        await websocket.send_text(ready.model_dump_json())

        async def forward() -> None:
            async for event in events:
                if event.owner_id == principal.user_id:
                    message = JobSocketEventMessage.from_event(event)
                    await websocket.send_text(message.model_dump_json())

        async def drain_until_closed() -> None:
            with contextlib.suppress(WebSocketDisconnect):
                while True:
                    await websocket.receive_text()

        tasks = [
            asyncio.create_task(forward()),
            asyncio.create_task(drain_until_closed()),
            asyncio.create_task(_close_when_access_ends(websocket, state, principal)),
        ]
        _done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


def _from_allowed_page(websocket: WebSocket, state: AppState) -> bool:
    # Browsers always send Origin on a socket's handshake; none (or "null") is refused.
    origin = websocket.headers.get("origin")
    return origin is not None and is_own_or_allowed_origin(
        websocket, origin, state.runtime.settings
    )


async def _authenticate(websocket: WebSocket, state: AppState) -> Principal | None:
    token = websocket.cookies.get(SESSION_COOKIE)
    if not token:
        token = await _token_from_first_message(websocket)
    try:
        if not token:
            raise AuthenticationError('Send {"type": "auth", "token": ...} first.')
        async with state.runtime.session_factory() as session:
            principal = await AccessCheckService(session).principal_for(token, state.tokens)
            # An API token's use is stamped in this transaction.
            await transaction.commit(session)
        note_user(principal.user_id)
        return principal
    except AuthenticationError as error:
        await _close_not_authenticated(websocket, error)
        return None


async def _close_when_access_ends(
    websocket: WebSocket, state: AppState, principal: Principal
) -> None:
    """Check the token again every `websocket_recheck_seconds`, and at its expiry."""
    while True:
        wait = state.runtime.settings.websocket_recheck_seconds
        if principal.token_expires_at is not None:
            wait = min(wait, (principal.token_expires_at - utcnow()).total_seconds())
        await asyncio.sleep(max(0.0, wait))
        try:
            await _ensure_current(state, principal)
        except AuthenticationError as error:
            await _close_not_authenticated(websocket, error)
            return
        except SQLAlchemyError:
            # The database is away: keep the socket (its events are only hints) and ask
            # again next time; every REST request is still checked on its own.
            logger.warning("job socket: could not check its token; trying again later")


async def _ensure_current(state: AppState, principal: Principal) -> None:
    async with state.runtime.session_factory() as session:
        await AccessCheckService(session).ensure_current(principal)


async def _close_not_authenticated(websocket: WebSocket, error: AuthenticationError) -> None:
    await websocket.close(code=CLOSE_NOT_AUTHENTICATED, reason=error.message[:120])


async def _token_from_first_message(websocket: WebSocket) -> str | None:
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_SECONDS)
        return JobSocketAuthMessage.model_validate_json(raw).token
    except (TimeoutError, ValidationError, WebSocketDisconnect):
        return None
