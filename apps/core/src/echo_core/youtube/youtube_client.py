"""Requests to YouTube with the channel's token: refreshed once after a 401, retried with
growing waits after a 5xx or a lost connection."""

import asyncio
from collections.abc import Callable

import httpx

from echo_core.youtube.access_tokens import AccessTokens
from echo_core.youtube.errors import CONNECTION_LOST
from echo_core.youtube.google_http import MAX_ANSWER_BYTES, WHOLE_EXCHANGE_TIMEOUTS
from echo_core.youtube.retrying import Retries, RetryPolicy
from echo_core.youtube.upload_errors import YouTubeError, refusal

_ENCODING_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}
TOO_LARGE = f"YouTube's answer was larger than {MAX_ANSWER_BYTES} bytes."

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
        response = await self._exchange(build(await self.authorization()))
        if response.status_code != 401:
            return response
        await self.refresh_after_unauthorized()
        response = await self._exchange(build(await self.authorization()))
        if response.status_code == 401:
            raise YouTubeError(CONNECTION_LOST, permanent=True)
        return response

    async def _exchange(self, request: httpx.Request) -> httpx.Response:
        """One request and its whole answer, bounded in time and size. httpx's timeouts
        bound each wait for a byte; an answer dripping a byte at a time would meet none."""
        per_wait = self.http.timeout.read or self.http.timeout.connect or 60.0
        try:
            async with asyncio.timeout(per_wait * WHOLE_EXCHANGE_TIMEOUTS):
                response = await self.http.send(request, stream=True)
                try:
                    body = bytearray()
                    async for piece in response.aiter_bytes():
                        body.extend(piece)
                        if len(body) > MAX_ANSWER_BYTES:
                            raise YouTubeError(TOO_LARGE, permanent=False)
                finally:
                    await response.aclose()
        except TimeoutError as error:
            raise httpx.ReadTimeout("YouTube took too long to answer", request=request) from error
        # The body is decoded already: the headers that describe its encoding go.
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _ENCODING_HEADERS
        ]
        return httpx.Response(
            response.status_code, headers=headers, content=bytes(body), request=request
        )

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
