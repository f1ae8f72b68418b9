"""Fan-out of job events to the subscribers in this process."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Protocol

from echo_core.events.job_event import JobEvent

# A slow subscriber loses old hints rather than slowing the publisher; hints are safe to drop.
_SUBSCRIBER_BUFFER = 256


class EventBus(Protocol):
    async def publish(self, event: JobEvent) -> None: ...

    def subscribe(self) -> contextlib.AbstractAsyncContextManager[AsyncIterator[JobEvent]]: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class LocalFanout:
    """Delivers each event to every current subscriber's queue."""

    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[JobEvent]] = set()

    def deliver(self, event: JobEvent) -> None:
        for queue in self._queues:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[AsyncIterator[JobEvent]]:
        queue: asyncio.Queue[JobEvent] = asyncio.Queue(maxsize=_SUBSCRIBER_BUFFER)
        self._queues.add(queue)

        async def events() -> AsyncIterator[JobEvent]:
            while True:
                yield await queue.get()

        try:
            yield events()
        finally:
            self._queues.discard(queue)


class InProcessEventBus:
    """For SQLite, where the API and its worker share one process."""

    def __init__(self) -> None:
        self._fanout = LocalFanout()

    async def publish(self, event: JobEvent) -> None:
        self._fanout.deliver(event)

    def subscribe(self) -> contextlib.AbstractAsyncContextManager[AsyncIterator[JobEvent]]:
        return self._fanout.subscribe()

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None
