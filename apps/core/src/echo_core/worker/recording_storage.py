"""The store as one stage attempt sees it: every key the stage writes is remembered, so
an attempt that fails can take its files with it instead of leaving half a set behind
(an SRT without its WebVTT, three thumbnails of six).

Before each write it asks `may_write`, which raises StageStoppedError once the job was
canceled, deleted or taken over: a stage still running then writes nothing more. A write
under way finishes even if the stage is cancelled, so it cannot land after the worker
removed the job's files.
"""

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from echo_core.pipeline.stop_signal import finish_before_cancel
from echo_core.storage.base import Storage, StorageError

logger = logging.getLogger(__name__)


class RecordingStorage:
    def __init__(self, storage: Storage, may_write: Callable[[], Awaitable[None]]) -> None:
        self._storage = storage
        self._may_write = may_write
        self._written: list[str] = []

    async def put_file(self, key: str, source: Path) -> None:
        await self._may_write()
        # Remembered before the write: one that fails part-way may still leave an object.
        self._written.append(key)
        await finish_before_cancel(self._storage.put_file(key, source))

    async def put_bytes(self, key: str, data: bytes) -> None:
        await self._may_write()
        self._written.append(key)
        await finish_before_cancel(self._storage.put_bytes(key, data))

    @property
    def wrote_anything(self) -> bool:
        return bool(self._written)

    async def remove_written(self) -> None:
        """Best effort: a store that is down now is cleaned by the next attempt's writes,
        or when the video is deleted."""
        for key in self._written:
            try:
                await self._storage.delete(key)
            except StorageError as error:
                logger.warning("could not remove %s after a failed stage: %s", key, error)
        self._written.clear()

    async def download_to(self, key: str, destination: Path) -> None:
        await self._storage.download_to(key, destination)

    async def delete_prefix(self, prefix: str) -> None:
        await self._storage.delete_prefix(prefix)

    async def size(self, key: str) -> int:
        return await self._storage.size(key)

    def read_range(self, key: str, start: int, length: int) -> AsyncIterator[bytes]:
        return self._storage.read_range(key, start, length)

    async def delete(self, key: str) -> None:
        await self._storage.delete(key)

    async def exists(self, key: str) -> bool:
        return await self._storage.exists(key)

    async def direct_url(self, key: str, media_type: str, disposition: str) -> str | None:
        return await self._storage.direct_url(key, media_type, disposition)
