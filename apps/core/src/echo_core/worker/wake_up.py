"""Wakes a worker's idle slots when a job or a publication is queued, instead of leaving it
to their poll.

A queued job is announced on the event bus (after its transaction commits): in-process on
SQLite, through LISTEN/NOTIFY on PostgreSQL, so a worker process on another machine hears
an upload the moment the API accepts it.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from echo_core.events.bus import EventBus
from echo_core.events.job_event import JobEvent
from echo_core.events.publication_event import announces_queued_publication
from echo_core.models.processing_status import ProcessingStatus


class SlotAlarm:
    """One slot's alarm: rung by every announcement of a queued job."""

    def __init__(self) -> None:
        self._rung = asyncio.Event()

    def reset(self) -> None:
        """Called before a claim: whatever was announced before it, the claim will see."""
        self._rung.clear()

    def ring(self) -> None:
        self._rung.set()

    async def wait(self, at_most_seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._rung.wait(), at_most_seconds)


def announces_queued_job(event: JobEvent) -> bool:
    # Uploads, reprocesses and retries announce PENDING; so does a worker that gives a job
    # back after a failed attempt. A press of Publish announces its publication.
    return event.status == ProcessingStatus.PENDING.value or announces_queued_publication(event)


@contextlib.asynccontextmanager
async def alarms_on_queued_jobs(events: EventBus, count: int) -> AsyncIterator[list[SlotAlarm]]:
    """`count` alarms, rung from the bus until the block ends. Subscribed on entry, so no
    announcement made after the slots' first claim can be missed."""
    alarms = [SlotAlarm() for _ in range(count)]
    async with events.subscribe() as stream:

        async def ring_on_queued_jobs() -> None:
            async for event in stream:
                if announces_queued_job(event):
                    for alarm in alarms:
                        alarm.ring()

        listener = asyncio.create_task(ring_on_queued_jobs())
        try:
            yield alarms
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener
