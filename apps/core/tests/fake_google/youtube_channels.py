"""YouTube Data API v3 `channels.list` with `mine=true`: the signed-in account's channel."""

from functools import partial

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fake_google.bearer import api_error, authorize
from tests.fake_google.state import FORCE_SSL_SCOPE, FakeGoogle

# youtube.upload alone cannot read the channel; these can.
READ_SCOPES = {
    FORCE_SSL_SCOPE,
    "https://www.googleapis.com/auth/youtube",
    "https://www.googleapis.com/auth/youtube.readonly",
}


def routes(google: FakeGoogle) -> list[Route]:
    return [Route("/youtube/v3/channels", partial(_list, google))]


async def _list(google: FakeGoogle, request: Request) -> Response:
    token = authorize(google, request, READ_SCOPES)
    if isinstance(token, Response):
        return token
    parts = request.query_params.get("part", "").split(",")
    if "snippet" not in parts and "id" not in parts:
        message = "Required parameter: part"
        return api_error(400, message, "invalidParameter", "INVALID_ARGUMENT")
    if request.query_params.get("mine") != "true":
        message = "No filter selected. Expected one of: mine, id, forUsername, ..."
        return api_error(400, message, "missingRequiredParameter", "INVALID_ARGUMENT")
    account = token.account
    items = []
    if account.has_channel:
        items.append(
            {
                "kind": "youtube#channel",
                "id": account.channel_id,
                "snippet": {"title": account.channel_title, "description": ""},
            }
        )
    return JSONResponse(
        {
            "kind": "youtube#channelListResponse",
            "pageInfo": {"totalResults": len(items), "resultsPerPage": 5},
            "items": items,
        }
    )
