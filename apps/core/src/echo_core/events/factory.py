from echo_core.db import is_sqlite
from echo_core.events.bus import EventBus, InProcessEventBus
from echo_core.events.postgres_bus import PostgresEventBus


def build_event_bus(database_url: str) -> EventBus:
    # SQLite means one machine and (for live events) the API's own embedded worker.
    if is_sqlite(database_url):
        return InProcessEventBus()
    return PostgresEventBus(database_url)
