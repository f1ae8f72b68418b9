"""YouTube's resumable upload protocol, streamed from storage.

A session is started with the video's metadata; its URI (from `Location`) then takes the
bytes in chunks, each answered 308 with the `Range` received so far, and the last with the
video resource. After a lost connection, a 5xx or a restart, the session is asked how much
it holds (`Content-Range: bytes */TOTAL`, empty body) and the upload goes on from there in
the same session: however often it is cut, one video is made.
"""

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from echo_core.storage.base import Storage
from echo_core.youtube.retrying import Retries
from echo_core.youtube.upload_errors import YouTubeError, refusal
from echo_core.youtube.youtube_client import YouTubeClient, is_server_error

VIDEOS_UPLOAD_PATH = "/upload/youtube/v3/videos"
_RANGE = re.compile(r"bytes=0-(\d+)")
_SESSION_GONE = {404, 410}

# Told the number of bytes YouTube has confirmed, after each chunk.
UploadProgress = Callable[[int], Awaitable[None]]


class UploadSessionGoneError(YouTubeError):
    """The session expired (YouTube keeps one about a week) or was never known: nothing
    was published, so a new session may start from the first byte."""

    def __init__(self) -> None:
        super().__init__("YouTube's upload session expired; starting again.", permanent=False)


@dataclass(frozen=True)
class UploadSource:
    storage: Storage
    key: str
    size: int
    content_type: str


async def start_session(
    client: YouTubeClient, resource: dict[str, Any], source: UploadSource
) -> str:
    """Open an upload session for `resource` (snippet and status); its URI."""
    body = json.dumps(resource).encode()

    def build(authorization: dict[str, str]) -> httpx.Request:
        return client.http.build_request(
            "POST",
            client.api_url + VIDEOS_UPLOAD_PATH,
            params={"uploadType": "resumable", "part": "snippet,status"},
            headers={
                **authorization,
                "Content-Type": "application/json; charset=UTF-8",
                "X-Upload-Content-Length": str(source.size),
                "X-Upload-Content-Type": source.content_type,
            },
            content=body,
        )

    response = await client.send(build, "start the upload")
    location: str | None = response.headers.get("Location")
    if not location:
        raise YouTubeError("YouTube started no upload session (no Location).", permanent=False)
    return location


class ResumableUpload:
    """Sends `source` to the session at `session_uri`, in chunks of `chunk_bytes`."""

    def __init__(
        self,
        client: YouTubeClient,
        session_uri: str,
        source: UploadSource,
        chunk_bytes: int,
        on_progress: UploadProgress,
    ) -> None:
        self._client = client
        self._session_uri = session_uri
        self._source = source
        self._chunk_bytes = chunk_bytes
        self._on_progress = on_progress

    async def run(self, *, resuming: bool) -> dict[str, Any]:
        """Upload what the session lacks; the video resource YouTube made. `resuming`
        asks the session first how much it holds (it may be all of it)."""
        retries = Retries(self._client.retry)
        # What the session is known to hold; None until it says (when resuming).
        held: int | None = None if resuming else 0
        # Where the next chunk starts; None: ask the session first.
        offset: int | None = held
        while True:
            try:
                if offset is None:
                    answer = await self._client.send_once(self._status_query)
                else:
                    answer = await self._client.send_once(self._chunk_request(offset))
            except httpx.TransportError as error:
                await retries.wait_after(type(error).__name__)
                offset = None
                continue
            if answer.status_code in (200, 201):
                await self._on_progress(self._source.size)
                return _video_resource(answer)
            if answer.status_code == 308:
                confirmed = self._confirmed(answer)
                if held is None or confirmed > held:
                    retries.reset()
                    await self._on_progress(confirmed)
                elif offset is not None:
                    # A chunk that added nothing: counted, so a session that never keeps
                    # anything cannot loop forever.
                    await retries.wait_after("YouTube kept none of the chunk")
                held = offset = confirmed
                continue
            if is_server_error(answer):
                await retries.wait_after(f"HTTP {answer.status_code}")
                offset = None
                continue
            if answer.status_code in _SESSION_GONE:
                raise UploadSessionGoneError()
            raise refusal(answer, "take the video")

    def _status_query(self, authorization: dict[str, str]) -> httpx.Request:
        return self._client.http.build_request(
            "PUT",
            self._session_uri,
            headers={
                **authorization,
                "Content-Length": "0",
                "Content-Range": f"bytes */{self._source.size}",
            },
        )

    def _chunk_request(self, offset: int) -> Callable[[dict[str, str]], httpx.Request]:
        end = min(offset + self._chunk_bytes, self._source.size)

        def build(authorization: dict[str, str]) -> httpx.Request:
            return self._client.http.build_request(
                "PUT",
                self._session_uri,
                headers={
                    **authorization,
                    "Content-Length": str(end - offset),
                    "Content-Range": f"bytes {offset}-{end - 1}/{self._source.size}",
                    "Content-Type": self._source.content_type,
                },
                content=self._read(offset, end - offset),
            )

        return build

    async def _read(self, start: int, length: int) -> AsyncIterator[bytes]:
        # Straight from storage to the socket: one read chunk in memory at a time.
        async for piece in self._source.storage.read_range(self._source.key, start, length):
            yield piece

    def _confirmed(self, answer: httpx.Response) -> int:
        """The bytes the session holds, from `Range: bytes=0-N`; none without it."""
        header = answer.headers.get("Range")
        if header is None:
            return 0
        match = _RANGE.fullmatch(header.strip())
        last = int(match.group(1)) if match else -2
        if not 0 <= last + 1 <= self._source.size:
            raise YouTubeError(
                f"YouTube answered an unreadable Range: {header[:80]}", permanent=False
            )
        return last + 1


def _video_resource(answer: httpx.Response) -> dict[str, Any]:
    try:
        resource = answer.json()
    except ValueError as error:
        raise YouTubeError(
            "YouTube's answer to the upload was not JSON.", permanent=False
        ) from error
    if not isinstance(resource, dict) or not isinstance(resource.get("id"), str):
        raise YouTubeError("YouTube's answer to the upload named no video.", permanent=False)
    return resource
