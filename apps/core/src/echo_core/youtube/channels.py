"""The channel an access token belongs to: `channels?part=snippet&mine=true`."""

from dataclasses import dataclass

import httpx

from echo_core.youtube.errors import GoogleRefused
from echo_core.youtube.google_endpoints import GoogleEndpoints
from echo_core.youtube.google_http import send


@dataclass(frozen=True)
class Channel:
    id: str
    title: str


class NoChannelError(Exception):
    """The Google account has no YouTube channel to upload to."""


async def own_channel(
    endpoints: GoogleEndpoints, client: httpx.AsyncClient, access_token: str
) -> Channel:
    request = client.build_request(
        "GET",
        endpoints.data_api("channels"),
        params={"part": "snippet", "mine": "true"},
        headers={"Authorization": f"Bearer {access_token}"},
    )
    status, document = await send(client, request)
    if status != 200 or not isinstance(document, dict):
        raise GoogleRefused("channel_not_read", f"HTTP {status}")
    items = document.get("items")
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        raise NoChannelError()
    item = items[0]
    snippet = item.get("snippet")
    title = str((snippet.get("title") if isinstance(snippet, dict) else None) or "Untitled")
    return Channel(id=str(item.get("id", ""))[:64], title=title[:255])
