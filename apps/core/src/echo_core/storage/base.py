"""What the rest of Echo needs from a place to keep files."""

import errno
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol


class StorageError(Exception):
    """The store could not complete an operation."""


class ObjectNotFoundError(StorageError):
    pass


class StorageFullError(StorageError):
    """No space is left on the disk the file was being written to."""


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EDQUOT)


class Storage(Protocol):
    async def put_file(self, key: str, source: Path) -> None:
        """Store a local file under `key`; the source file is left in place."""

    async def put_bytes(self, key: str, data: bytes) -> None:
        """Store small generated content (subtitles, thumbnails) under `key`."""

    async def download_to(self, key: str, destination: Path) -> None:
        """Copy the object to a local file, for tools that need a path (PyAV)."""

    async def delete_prefix(self, prefix: str) -> None:
        """Remove every object in the folder `prefix` (keys starting with `prefix/`)."""

    async def size(self, key: str) -> int: ...

    def read_range(self, key: str, start: int, length: int) -> AsyncIterator[bytes]:
        """Yield `length` bytes of the object from `start`, in chunks."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; a missing object is not an error."""

    async def exists(self, key: str) -> bool: ...

    async def direct_url(self, key: str, media_type: str, disposition: str) -> str | None:
        """A short-lived URL the client can fetch the object from itself, sparing the API
        the bytes; None when the API must serve it."""
