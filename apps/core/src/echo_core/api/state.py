"""What the app holds for its whole life: settings, database, storage, token verifier."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from echo_core.auth.tokens import TokenVerifier
from echo_core.config import Settings
from echo_core.events.bus import EventBus
from echo_core.storage.base import Storage


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    storage: Storage
    tokens: TokenVerifier
    events: EventBus
