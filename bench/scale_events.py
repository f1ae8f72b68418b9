"""Event latency: from publishing a JobEvent to a signed-in WebSocket client holding it.

The real app is served on loopback (uvicorn, lifespan on) and the client signs in as the
creator. On SQLite the event goes to the app's in-process bus, as its embedded worker
publishes; on PostgreSQL it comes from a second PostgresEventBus, as a worker process
on another machine publishes, so it travels through NOTIFY to the app's listener.
The baseline is one value through an asyncio.Queue to another task, in the same event
loop, interleaved with the events so both meet the same load.
"""

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import websockets
from live_app import serving
from scale_settings import bench_settings

from echo_core.api.app import create_app
from echo_core.api.state import AppState
from echo_core.db import is_sqlite
from echo_core.events.job_event import JobEvent
from echo_core.events.postgres_bus import PostgresEventBus

Publish = Callable[[JobEvent], Awaitable[None]]
# Loopback delivers in milliseconds; an event this late is as good as lost.
LOST_AFTER_SECONDS = 2.0
MAX_LOST = 5
WARMUP_TRIES = 40


@dataclass(frozen=True)
class EventLatencies:
    database: str
    route: str
    events: list[float]
    queue: list[float]
    lost: int


class QueueHop:
    """The floor: a timestamp put on an asyncio.Queue and read by another task."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[float] = asyncio.Queue()
        self._latencies: asyncio.Queue[float] = asyncio.Queue()
        self._consumer = asyncio.create_task(self._consume())

    async def _consume(self) -> None:
        while True:
            sent = await self._queue.get()
            self._latencies.put_nowait(time.perf_counter() - sent)

    async def measure(self) -> float:
        self._queue.put_nowait(time.perf_counter())
        return await self._latencies.get()

    def close(self) -> None:
        self._consumer.cancel()


def _event(owner_id: str, number: int) -> JobEvent:
    # The send time rides in `detail`, which the socket passes on untouched.
    return JobEvent(
        job_id=str(uuid.uuid4()),
        video_id=str(uuid.uuid4()),
        owner_id=owner_id,
        status="PROCESSING",
        stage="transcribe",
        stage_status="RUNNING",
        progress=0.5,
        detail=f"{number} {time.perf_counter()!r}",
    )


async def _latency(socket: websockets.ClientConnection, number: int) -> float | None:
    """Seconds from event `number`'s publishing to its arrival here; None if it never came.

    Anything else on the socket (a late warm-up event) is skipped.
    """
    try:
        async with asyncio.timeout(LOST_AFTER_SECONDS):
            while True:
                message = json.loads(await socket.recv())
                heard, sent = message["detail"].split()
                if int(heard) == number:
                    return time.perf_counter() - float(sent)
    except TimeoutError:
        return None


@asynccontextmanager
async def _publisher(url: str, state: AppState) -> AsyncIterator[Publish]:
    if is_sqlite(url):
        yield state.runtime.events.publish
        return
    worker_bus = PostgresEventBus(url)
    try:
        yield worker_bus.publish
    finally:
        await worker_bus.close()


async def _sign_in(socket: websockets.ClientConnection, token: str) -> None:
    await socket.send(json.dumps({"type": "auth", "token": token}))
    ready = json.loads(await socket.recv())
    if ready.get("type") != "ready":
        raise RuntimeError(f"the socket did not sign in: {ready}")


async def _warm_up(publish: Publish, socket: websockets.ClientConnection, owner_id: str) -> None:
    # PostgreSQL's listener connects in the background at startup; until it listens,
    # NOTIFYs go nowhere. Warm-up events are number -1, which measurements skip.
    for _ in range(WARMUP_TRIES):
        await publish(_event(owner_id, -1))
        if await _latency(socket, -1) is not None:
            return
    raise RuntimeError("no event reached the WebSocket")


async def measure_events(
    database: str, url: str, data_dir: Path, owner_id: str, count: int
) -> EventLatencies:
    app = create_app(bench_settings(data_dir, url))
    state: AppState = app.state.echo
    token = state.tokens.issue(owner_id, "owner@bench.example")
    async with (
        serving(app) as base_url,
        _publisher(url, state) as publish,
        websockets.connect(base_url.replace("http", "ws", 1) + "/api/ws/jobs") as socket,
    ):
        await _sign_in(socket, token)
        await _warm_up(publish, socket, owner_id)
        hop = QueueHop()
        events: list[float] = []
        queue: list[float] = []
        lost = 0
        try:
            for number in range(count):
                queue.append(await hop.measure())
                await publish(_event(owner_id, number))
                latency = await _latency(socket, number)
                if latency is None:
                    lost += 1
                    if lost > MAX_LOST:
                        raise RuntimeError(f"{database}: more than {MAX_LOST} events lost")
                else:
                    events.append(latency)
        finally:
            hop.close()
    route = "in-process bus" if is_sqlite(url) else "NOTIFY from a second PostgresEventBus"
    return EventLatencies(database, route, events, queue, lost)
