"""Requests to YouTube with the channel's token: refreshed once after a 401, retried with
growing waits after a 5xx or a lost connection."""

from collections.abc import Callable

import httpx

from echo_core.youtube.access_tokens import AccessTokens
from echo_core.youtube.errors import CONNECTION_LOST
from echo_core.youtube.retrying import Retries, RetryPolicy
from echo_core.youtube.upload_errors import YouTubeError, refusal

# Builds the request anew for each try, since a streamed body cannot be sent twice.
RequestBuilder = Callable[[dict[str, str]], httpx.Request]


def is_server_error(response: httpx.Response) -> bool:
    return response.status_code >= 500


class YouTubeClient:
    def __init__(
        self, http: httpx.AsyncClient, api_url: str, tokens: AccessTokens, retry: RetryPolicy
    ) -> None:
        self.http = http
        self.api_url = api_url.rstrip("/")
        self.tokens = tokens
        self.retry = retry
        self._token: str | None = None

    async def authorization(self) -> dict[str, str]:
        if self._token is None:
            self._token = await self.tokens.access_token()
        return {"Authorization": f"Bearer {self._token}"}

    async def refresh_after_unauthorized(self) -> None:
        """Called once per 401: a second 401 in a row means the access is gone."""
        self._token = await self.tokens.access_token_after_unauthorized()

    async def send_once(self, build: RequestBuilder) -> httpx.Response:
        """Send with the token; after a 401, refresh it and send again, once."""
        response = await self.http.send(build(await self.authorization()))
        if response.status_code != 401:
            return response
        await self.refresh_after_unauthorized()
        response = await self.http.send(build(await self.authorization()))
        if response.status_code == 401:
            raise YouTubeError(CONNECTION_LOST, permanent=True)
        return response

    async def send(self, build: RequestBuilder, doing: str) -> httpx.Response:
        """A request that is safe to send again: retried after 5xx and lost connections;
        a 4xx raises the creator's error."""
        retries = Retries(self.retry)
        while True:
            try:
                response = await self.send_once(build)
            except httpx.TransportError as error:
                await retries.wait_after(type(error).__name__)
                continue
            if is_server_error(response):
                await retries.wait_after(f"HTTP {response.status_code}")
                continue
            if response.status_code >= 400:
                raise refusal(response, doing)
            return response
