"""What a process runs on, opened from the settings in one place: the database, the
storage and the event bus.

`serve` (through the app), `worker`, `create-user`, the start-up sweep and the tests all
build their runtime here, and open and close it as an async context manager:

    async with build_runtime(settings) as runtime:
        ...
"""

from dataclasses import dataclass
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from echo_core.config import Settings
from echo_core.db import create_engine, create_session_factory
from echo_core.events.bus import EventBus
from echo_core.events.factory import build_event_bus
from echo_core.storage.base import Storage
from echo_core.storage.factory import build_storage


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    storage: Storage
    events: EventBus

    async def open(self) -> None:
        """Start listening for events; the database connects on first use."""
        await self.events.start()

    async def close(self) -> None:
        await self.events.close()
        await self.engine.dispose()

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(
        self,
        _kind: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        await self.close()


def build_runtime(settings: Settings) -> Runtime:
    """Build without connecting anything, so the app can be assembled before its event loop
    runs; `open` (or `async with`) starts what needs the loop."""
    # First: a storage misconfiguration stops the process before it opens anything.
    storage = build_storage(settings)
    engine = create_engine(settings.resolved_database_url)
    return Runtime(
        settings=settings,
        engine=engine,
        session_factory=create_session_factory(engine),
        storage=storage,
        events=build_event_bus(settings.resolved_database_url),
    )
