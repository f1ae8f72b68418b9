"""`WS /api/ws/jobs`: live hints about the signed-in creator's jobs.

The token never goes in the URL (where proxies and logs would keep it): it comes from
the session cookie, or as the first message `{"type": "auth", "token": "..."}`.
"""

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from echo_core.api.schemas.job_socket import (
    JobSocketAuthMessage,
    JobSocketEventMessage,
    JobSocketReadyMessage,
)
from echo_core.api.state import AppState
from echo_core.auth.principal import Principal
from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.errors import AuthenticationError
from echo_core.services.token_revocation_service import TokenRevocationService

router = APIRouter(tags=["jobs"])

AUTH_TIMEOUT_SECONDS = 10.0
# Application close codes (4000-4999): the client knows to sign in again.
CLOSE_NOT_AUTHENTICATED = 4401


@router.websocket("/ws/jobs", name="jobs-events")
async def job_events(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.echo
    await websocket.accept()
    principal = await _authenticate(websocket, state)
    if principal is None:
        return
    async with state.events.subscribe() as events:
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

        tasks = [asyncio.create_task(forward()), asyncio.create_task(drain_until_closed())]
        _done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


async def _authenticate(websocket: WebSocket, state: AppState) -> Principal | None:
    token = websocket.cookies.get(SESSION_COOKIE)
    if not token:
        token = await _token_from_first_message(websocket)
    try:
        if not token:
            raise AuthenticationError('Send {"type": "auth", "token": ...} first.')
        principal = await state.tokens.verify(token)
        async with state.session_factory() as session:
            await TokenRevocationService(session).ensure_not_revoked(principal)
        return principal
    except AuthenticationError as error:
        await websocket.close(code=CLOSE_NOT_AUTHENTICATED, reason=error.message[:120])
        return None


async def _token_from_first_message(websocket: WebSocket) -> str | None:
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_SECONDS)
        return JobSocketAuthMessage.model_validate_json(raw).token
    except (TimeoutError, ValidationError, WebSocketDisconnect):
        return None
