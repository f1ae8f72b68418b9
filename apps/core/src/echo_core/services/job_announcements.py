"""Job events from the API side: sent once the transaction that made the change commits,
so a listener that refetches finds the change saved (and a rolled-back one is never told)."""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import transaction
from echo_core.events.bus import EventBus
from echo_core.events.job_event import JobEvent


def announce_after_commit(session: AsyncSession, events: EventBus, event: JobEvent) -> None:
    transaction.after_commit(session, lambda: events.publish(event))
