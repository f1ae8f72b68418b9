"""Just enough HTTP/1.1 over asyncio streams for fake servers that must misbehave at the
socket: read part of a body and drop the connection, as a network cut does."""

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

_MAX_HEAD_BYTES = 64 * 1024
# What Google says with a 308 in its resumable protocol.
_REASONS = {308: "Resume Incomplete"}


@dataclass
class WireRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    @property
    def content_length(self) -> int | None:
        value = self.headers.get("content-length")
        return int(value) if value is not None and value.isdigit() else None

    async def body(self) -> bytes:
        return await self.reader.readexactly(self.content_length or 0)

    def cut(self) -> None:
        """Drop the connection now, without an answer."""
        self.writer.transport.abort()


@dataclass
class WireResponse:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds between the body's bytes: an answer that trickles in and never seems to stall.
    drip_seconds: float = 0.0


# None: the handler cut the connection and nothing is to be sent.
Handler = Callable[[WireRequest], Awaitable[WireResponse | None]]


async def serve_connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, handler: Handler
) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            request = _parse_head(head, reader, writer)
            if request is None or "chunked" in request.headers.get("transfer-encoding", ""):
                await _send(writer, WireResponse(411 if request else 400))
                return
            response = await handler(request)
            if response is None:
                return
            await _send(writer, response)
    except (ConnectionError, asyncio.IncompleteReadError):
        return
    finally:
        writer.close()


def _parse_head(
    head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> WireRequest | None:
    if len(head) > _MAX_HEAD_BYTES:
        return None
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return None
    method, target, _version = parts
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    url = urlsplit(target)
    query = {name: values[-1] for name, values in parse_qs(url.query).items()}
    return WireRequest(method, url.path, query, headers, reader, writer)


async def _send(writer: asyncio.StreamWriter, response: WireResponse) -> None:
    reason = _REASONS.get(response.status) or HTTPStatus(response.status).phrase
    lines = [f"HTTP/1.1 {response.status} {reason}"]
    headers = {**response.headers, "Content-Length": str(len(response.body))}
    lines += [f"{name}: {value}" for name, value in headers.items()]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    if not response.drip_seconds:
        writer.write(head + response.body)
        await writer.drain()
        return
    writer.write(head)
    for index in range(len(response.body)):
        writer.write(response.body[index : index + 1])
        await writer.drain()
        await asyncio.sleep(response.drip_seconds)


@contextlib.contextmanager
def serving_in_thread(handler: Handler, port: int = 0) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 from a thread with its own event loop; its base URL.
    On the way out, open connections are ended too."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    stop = asyncio.Event()
    address: list[str] = []

    async def main() -> None:
        connections: dict[asyncio.StreamWriter, asyncio.Task[None]] = {}

        async def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            connections[writer] = task
            try:
                await serve_connection(reader, writer, handler)
            finally:
                connections.pop(writer, None)

        server = await asyncio.start_server(connected, "127.0.0.1", port)
        address.append(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}")
        started.set()
        await stop.wait()
        server.close()
        # Dropped, not cancelled: each connection's reader meets the end and returns.
        tasks = list(connections.values())
        for writer in list(connections):
            writer.transport.abort()
        await asyncio.gather(*tasks, return_exceptions=True)

    thread = threading.Thread(target=lambda: loop.run_until_complete(main()), daemon=True)
    thread.start()
    if not started.wait(10):
        raise RuntimeError("the fake server did not start")
    try:
        yield address[0]
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)
        loop.close()
