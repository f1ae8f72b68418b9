"""YouTube's upload resources, spoken strictly, misbehaving on command.

videos.insert by the resumable protocol, captions.insert (multipart) and thumbnails.set.
Strict as YouTube is: a bearer token it issued, chunk offsets exactly contiguous,
`Content-Range` well formed and its total the one the session was opened with, chunks in
multiples of 256 KiB but the last. On command it cuts a connection in the middle of a
chunk (keeping what arrived, as Google does), answers 503, forgets its tokens (401 until a
new one is issued), refuses for quota, or is slow. It records what it received: the bytes,
the snippet and status, the captions, the thumbnail, and the sessions opened.

It speaks raw HTTP over asyncio streams (http_wire.py), not through an ASGI server,
because a cut in the middle of a request body needs the socket. Beside the fake Google
(server.py) it checks the access tokens Google gave out and passes every other path on to
it, so `ECHO_YOUTUBE_API_URL` can point here for channels.list too. Alone (no Google) it
issues tokens of its own.

`python -m tests.fake_google.youtube_uploads --port P --uploads-port Q ...` runs a fake Google
with the uploads beside it (browser tests).
"""

import argparse
import asyncio
import contextlib
import json
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.fake_google.http_wire import WireRequest, WireResponse, serving_in_thread
from tests.fake_google.server import add_arguments, running_fake_google_as_told
from tests.fake_google.state import FORCE_SSL_SCOPE, UPLOAD_SCOPE, FakeGoogle

GRANULE = 256 * 1024
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")
_STATUS_QUERY = re.compile(r"bytes \*/(\d+)")
_PRIVACY = {"private", "unlisted", "public"}


@dataclass
class UploadSession:
    upload_id: str
    resource: dict[str, Any]
    total: int
    content_type: str
    received: bytearray = field(default_factory=bytearray)
    video_id: str | None = None


@dataclass
class Caption:
    video_id: str
    language: str
    name: str
    body: bytes


@dataclass
class ChunkSeen:
    start: int
    length: int


class FakeYouTube:
    def __init__(self, google: FakeGoogle | None = None) -> None:
        self.base_url = ""
        # Whose tokens count: the fake Google's, or our own when alone.
        self.google = google
        self.tokens: set[str] = set()
        self.sessions: list[UploadSession] = []
        self.chunks: list[ChunkSeen] = []
        self.status_queries = 0
        self.captions: list[Caption] = []
        self.thumbnails: dict[str, bytes] = {}
        self.refused: list[str] = []
        # Commands, by the number of the chunk (1 is the first PUT with bytes): cut it after
        # so many bytes, answer it with an error status, forget the tokens once it is stored.
        self.cuts: dict[int, int] = {}
        self.failures: dict[int, int] = {}
        # Answer these chunks a byte every so many seconds (kept, then the answer drips).
        self.drips: dict[int, float] = {}
        self.expire_tokens_after_chunk: int | None = None
        self.quota_exceeded = False
        self.refuse_long_videos = False
        self.seconds_per_chunk = 0.0

    # What the tests ask for.

    def issue_token(self) -> str:
        token = f"ya29.fake-{secrets.token_urlsafe(12)}"
        self.tokens.add(token)
        return token

    def expire_tokens(self) -> None:
        if self.google is not None:
            self.google.expire_access_tokens()
        self.tokens.clear()

    def uploaded_bytes(self) -> bytes:
        (finished,) = [session for session in self.sessions if session.video_id]
        return bytes(finished.received)

    def session_uri(self, session: UploadSession) -> str:
        return (
            f"{self.base_url}/upload/youtube/v3/videos"
            f"?uploadType=resumable&upload_id={session.upload_id}"
        )

    @property
    def videos(self) -> list[UploadSession]:
        return [session for session in self.sessions if session.video_id]

    # The protocol.

    async def handle(self, request: WireRequest) -> WireResponse | None:
        if not request.path.startswith("/upload/") and self.google is not None:
            return await self._pass_to_google(request)
        if not self._authorized(request):
            await request.body()
            return _error(401, "authError", "Invalid Credentials")
        path = request.path
        if path == "/upload/youtube/v3/videos" and request.method == "POST":
            return await self._start(request)
        if path == "/upload/youtube/v3/videos" and request.method == "PUT":
            return await self._put(request)
        if path == "/upload/youtube/v3/captions" and request.method == "POST":
            return await self._caption(request)
        if path == "/upload/youtube/v3/thumbnails/set" and request.method == "POST":
            return await self._thumbnail(request)
        await request.body()
        return _error(404, "notFound", f"No such resource: {request.method} {path}")

    def _authorized(self, request: WireRequest) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme != "Bearer":
            return False
        if self.google is None:
            return token in self.tokens
        given = self.google.access_tokens.get(token)
        # Uploads need youtube.upload; captions youtube.force-ssl (either does here).
        return (
            given is not None
            and given.valid()
            and bool(given.scopes & {UPLOAD_SCOPE, FORCE_SSL_SCOPE})
        )

    async def _pass_to_google(self, request: WireRequest) -> WireResponse:
        assert self.google is not None
        body = await request.body()
        headers = {
            name: value
            for name, value in request.headers.items()
            if name not in {"host", "content-length", "connection"}
        }
        async with httpx.AsyncClient() as client:
            answer = await client.request(
                request.method,
                f"{self.google.base_url}{request.path}",
                params=request.query,
                headers=headers,
                content=body,
            )
        kept = {
            name: value
            for name, value in answer.headers.items()
            if name.lower() in {"content-type", "location", "www-authenticate"}
        }
        return WireResponse(answer.status_code, answer.content, kept)

    async def _start(self, request: WireRequest) -> WireResponse:
        body = await request.body()
        if request.query.get("uploadType") != "resumable":
            return self._bad("uploadType must be resumable")
        if set(request.query.get("part", "").split(",")) != {"snippet", "status"}:
            return self._bad("part must be snippet,status")
        length = request.headers.get("x-upload-content-length", "")
        kind = request.headers.get("x-upload-content-type", "")
        if not length.isdigit() or int(length) <= 0 or not kind.startswith("video/"):
            return self._bad("X-Upload-Content-Length and X-Upload-Content-Type are required")
        if self.quota_exceeded:
            return _error(
                403,
                "quotaExceeded",
                "The request cannot be completed because you have exceeded your quota.",
            )
        try:
            resource = json.loads(body)
        except ValueError:
            return self._bad("The body is not JSON")
        problem = _resource_problem(resource)
        if problem:
            return self._bad(problem)
        session = UploadSession(secrets.token_hex(8), resource, int(length), kind)
        self.sessions.append(session)
        return WireResponse(200, headers={"Location": self.session_uri(session)})

    async def _put(self, request: WireRequest) -> WireResponse | None:
        session = next(
            (s for s in self.sessions if s.upload_id == request.query.get("upload_id")), None
        )
        if session is None:
            await request.body()
            return _error(404, "notFound", "No such upload session")
        content_range = request.headers.get("content-range", "")
        query = _STATUS_QUERY.fullmatch(content_range)
        if query:
            if request.content_length != 0 or int(query.group(1)) != session.total:
                await request.body()
                return self._bad("A status query has an empty body and the session's total")
            self.status_queries += 1
            return self._progress(session)
        return await self._chunk(request, session, content_range)

    async def _chunk(
        self, request: WireRequest, session: UploadSession, content_range: str
    ) -> WireResponse | None:
        match = _CONTENT_RANGE.fullmatch(content_range)
        length = request.content_length
        if match is None or length is None:
            await request.body()
            return self._bad(f"Bad Content-Range {content_range!r} or no Content-Length")
        first, last, total = (int(group) for group in match.groups())
        problem = None
        if total != session.total:
            problem = f"total {total} is not the session's {session.total}"
        elif first != len(session.received):
            problem = f"chunk starts at {first}, the session holds {len(session.received)}"
        elif last < first or last - first + 1 != length:
            problem = f"range {first}-{last} does not match Content-Length {length}"
        elif last + 1 > total:
            problem = "chunk goes past the total"
        elif last + 1 < total and length % GRANULE:
            problem = f"chunk of {length} bytes is not a multiple of 256 KiB"
        if problem:
            await request.body()
            return self._bad(problem)
        self.chunks.append(ChunkSeen(first, length))
        number = len(self.chunks)
        if number in self.cuts:
            session.received += await request.reader.readexactly(min(self.cuts[number], length))
            request.cut()
            return None
        data = await request.body()
        if number in self.failures:
            return _error(self.failures[number], "backendError", "Backend Error")
        session.received += data
        if self.seconds_per_chunk:
            await asyncio.sleep(self.seconds_per_chunk)
        if number == self.expire_tokens_after_chunk:
            self.expire_tokens()
        answer = self._progress(session)
        if number in self.drips:
            answer.body = b'{"padding": "' + b" " * 200 + b'"}'
            answer.drip_seconds = self.drips[number]
        return answer

    def _progress(self, session: UploadSession) -> WireResponse:
        if len(session.received) < session.total:
            headers = {"Range": f"bytes=0-{len(session.received) - 1}"} if session.received else {}
            return WireResponse(308, headers=headers)
        if self.refuse_long_videos:
            return _error(
                400,
                "uploadLimitExceeded",
                "The user has exceeded the number of videos they may upload.",
            )
        if session.video_id is None:
            session.video_id = secrets.token_urlsafe(8)[:11]
        resource = {"kind": "youtube#video", "id": session.video_id, **session.resource}
        return WireResponse(
            200, json.dumps(resource).encode(), {"Content-Type": "application/json"}
        )

    async def _caption(self, request: WireRequest) -> WireResponse:
        body = await request.body()
        if request.query.get("part") != "snippet" or request.query.get("uploadType") != "multipart":
            return self._bad("captions.insert takes part=snippet and uploadType=multipart")
        parts = _multipart_related(request.headers.get("content-type", ""), body)
        if parts is None or len(parts) != 2:
            return self._bad("captions.insert takes multipart/related: the resource, then the file")
        try:
            snippet = json.loads(parts[0])["snippet"]
            caption = Caption(snippet["videoId"], snippet["language"], snippet["name"], parts[1])
        except (ValueError, KeyError, TypeError):
            return self._bad("The caption resource needs snippet.videoId, language and name")
        if caption.video_id not in {video.video_id for video in self.videos}:
            return _error(404, "videoNotFound", "The video was not found")
        self.captions.append(caption)
        answer = {"kind": "youtube#caption", "id": secrets.token_hex(6), "snippet": snippet}
        return WireResponse(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})

    async def _thumbnail(self, request: WireRequest) -> WireResponse:
        body = await request.body()
        video_id = request.query.get("videoId", "")
        if request.headers.get("content-type") != "image/jpeg" or not body.startswith(b"\xff\xd8"):
            return self._bad("thumbnails.set takes an image/jpeg body")
        if video_id not in {video.video_id for video in self.videos}:
            return _error(404, "videoNotFound", "The video was not found")
        self.thumbnails[video_id] = body
        return WireResponse(
            200, b'{"kind": "youtube#thumbnailSetResponse"}', {"Content-Type": "application/json"}
        )

    def _bad(self, problem: str) -> WireResponse:
        self.refused.append(problem)
        return _error(400, "badRequest", problem)


def _resource_problem(resource: Any) -> str | None:
    if not isinstance(resource, dict):
        return "The resource is not an object"
    snippet, status = resource.get("snippet"), resource.get("status")
    if not isinstance(snippet, dict) or not isinstance(status, dict):
        return "The resource needs snippet and status"
    title = snippet.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 100:
        return "snippet.title is required, at most 100 characters"
    if status.get("privacyStatus") not in _PRIVACY:
        return "status.privacyStatus is private, unlisted or public"
    if "publishAt" in status and status["privacyStatus"] != "private":
        return "status.publishAt needs privacyStatus private"
    if not isinstance(status.get("selfDeclaredMadeForKids"), bool):
        return "status.selfDeclaredMadeForKids is required"
    return None


def _multipart_related(content_type: str, body: bytes) -> list[bytes] | None:
    kind, _, parameters = content_type.partition(";")
    boundary = parameters.strip().removeprefix("boundary=").strip('"')
    if kind.strip() != "multipart/related" or not boundary:
        return None
    sections = body.split(f"--{boundary}".encode())
    if len(sections) < 3 or sections[-1].strip() != b"--":
        return None
    parts = []
    for section in sections[1:-1]:
        _head, separator, content = section.partition(b"\r\n\r\n")
        if not separator:
            return None
        parts.append(content.removesuffix(b"\r\n"))
    return parts


def _error(status: int, reason: str, message: str) -> WireResponse:
    body = {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"reason": reason, "message": message}],
        }
    }
    return WireResponse(status, json.dumps(body).encode(), {"Content-Type": "application/json"})


@contextlib.contextmanager
def running_fake_youtube(google: FakeGoogle | None = None, port: int = 0) -> Iterator[FakeYouTube]:
    """The fake on 127.0.0.1, served from a thread of its own so sync and async tests,
    worker processes and browsers can all reach it."""
    fake = FakeYouTube(google)
    with serving_in_thread(fake.handle, port) as base_url:
        fake.base_url = base_url
        yield fake


def main() -> None:
    """The fake Google (server.py's arguments) with the uploads beside it on their own port,
    checking the tokens that Google gives out: for the browser tests."""
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    parser.add_argument("--uploads-port", type=int, required=True)
    arguments = parser.parse_args()
    with (
        running_fake_google_as_told(arguments) as google,
        running_fake_youtube(google, arguments.uploads_port) as youtube,
    ):
        # Slow enough for a person (and a browser test) to watch the bar move.
        youtube.seconds_per_chunk = 0.3
        print(f"fake Google on {google.base_url}, uploads on {youtube.base_url}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
