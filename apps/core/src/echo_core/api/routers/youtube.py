"""Connecting a YouTube channel: Google's consent (OAuth 2.0 with PKCE), and its result."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import PrincipalDep, SettingsDep, YouTubeConnectionServiceDep
from echo_core.api.schemas.common import error_responses
from echo_core.api.schemas.youtube import (
    AuthorizationSchema,
    YouTubeConnectionSchema,
    YouTubeDisconnectionSchema,
)
from echo_core.youtube.errors import InvalidOAuthState

router = APIRouter(prefix="/youtube", tags=["youtube"], route_class=CheckedRoute)

# Where the browser lands after Google: the web app's settings page shows the outcome.
SETTINGS_PAGE = "/settings"


@router.post(
    "/connect",
    name="youtube-connect",
    response_model=AuthorizationSchema,
    responses=error_responses(401, 403, 409),
)
async def connect(
    principal: PrincipalDep, service: YouTubeConnectionServiceDep
) -> AuthorizationSchema:
    """Start connecting a channel: the browser goes to `authorization_url` within 10
    minutes. 409 `youtube_not_configured` when this instance has no Google client."""
    return AuthorizationSchema(authorization_url=await service.start(principal.user_id))


@router.get(
    "/callback",
    name="youtube-callback",
    status_code=303,
    response_class=RedirectResponse,
    responses=error_responses(400),
)
async def callback(
    service: YouTubeConnectionServiceDep,
    settings: SettingsDep,
    state: Annotated[str | None, Query(max_length=512)] = None,
    code: Annotated[str | None, Query(max_length=2048)] = None,
    error: Annotated[str | None, Query(max_length=256)] = None,
) -> RedirectResponse:
    """Where Google sends the browser back. Authenticated by `state`, not by a session: a
    state never given out, expired or used already answers 400 and stores nothing.
    Otherwise redirects to the settings page with `?youtube=connected` or what went wrong
    (`denied`, `missing_scopes`, `no_channel`, `unavailable`, `failed`)."""
    if not state:
        raise InvalidOAuthState()
    outcome = await service.finish(state, code, error)
    target = f"{settings.public_url.rstrip('/')}{SETTINGS_PAGE}?youtube={outcome.value}"
    return RedirectResponse(target, status_code=303)


@router.get(
    "/connection",
    name="youtube-connection-get",
    response_model=YouTubeConnectionSchema,
    responses=error_responses(401),
)
async def get_connection(
    principal: PrincipalDep, service: YouTubeConnectionServiceDep
) -> YouTubeConnectionSchema:
    """The signed-in user's channel: each user connects their own."""
    view = await service.view(principal.user_id)
    return YouTubeConnectionSchema(
        configured=view.configured,
        connected=view.connected,
        channel_title=view.channel_title,
        needs_reconnect=view.needs_reconnect,
        message=view.message,
    )


@router.delete(
    "/connection",
    name="youtube-connection-delete",
    response_model=YouTubeDisconnectionSchema,
    responses=error_responses(401, 403, 404),
)
async def delete_connection(
    principal: PrincipalDep, service: YouTubeConnectionServiceDep
) -> YouTubeDisconnectionSchema:
    """Revoke Echo's access at Google and forget the channel. Forgotten even when Google
    cannot be reached (`revoked: false`, and the message says where to remove it by hand)."""
    result = await service.disconnect(principal.user_id)
    return YouTubeDisconnectionSchema(revoked=result.revoked, message=result.message)
