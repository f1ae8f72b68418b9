"""A store that breaks on purpose: the real one, except for the operation a test picks."""

from collections.abc import AsyncIterator
from pathlib import Path

from echo_core.storage.base import Storage, StorageError

INJECTED_MESSAGE = "injected failure: the store is unreachable"


class FaultyStorage:
    """Delegates to `inner`, but `operation` raises StorageError for keys ending in
    `key_suffix` (every key when it is empty), before anything reaches the real store."""

    def __init__(self, inner: Storage, operation: str, key_suffix: str = "") -> None:
        self._inner = inner
        self._operation = operation
        self._key_suffix = key_suffix
        self.failures = 0

    def _maybe_fail(self, operation: str, key: str) -> None:
        if operation == self._operation and key.endswith(self._key_suffix):
            self.failures += 1
            raise StorageError(f"{INJECTED_MESSAGE} ({operation} {key!r})")

    async def put_file(self, key: str, source: Path) -> None:
        self._maybe_fail("put_file", key)
        await self._inner.put_file(key, source)

    async def put_bytes(self, key: str, data: bytes) -> None:
        self._maybe_fail("put_bytes", key)
        await self._inner.put_bytes(key, data)

    async def download_to(self, key: str, destination: Path) -> None:
        self._maybe_fail("download_to", key)
        await self._inner.download_to(key, destination)

    async def delete_prefix(self, prefix: str) -> None:
        self._maybe_fail("delete_prefix", prefix)
        await self._inner.delete_prefix(prefix)

    async def size(self, key: str) -> int:
        self._maybe_fail("size", key)
        return await self._inner.size(key)

    async def read_range(self, key: str, start: int, length: int) -> AsyncIterator[bytes]:
        # Fails when the first chunk is asked for, as a real store does when its GET fails.
        self._maybe_fail("read_range", key)
        async for chunk in self._inner.read_range(key, start, length):
            yield chunk

    async def delete(self, key: str) -> None:
        self._maybe_fail("delete", key)
        await self._inner.delete(key)

    async def exists(self, key: str) -> bool:
        self._maybe_fail("exists", key)
        return await self._inner.exists(key)

    async def direct_url(self, key: str, media_type: str, disposition: str) -> str | None:
        return await self._inner.direct_url(key, media_type, disposition)
