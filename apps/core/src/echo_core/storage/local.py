"""Files in a directory on this machine (the default store)."""

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

from echo_core.storage.base import ObjectNotFoundError, StorageError, StorageFullError, is_disk_full
from echo_core.storage.chunked_read import read_in_chunks


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def path_for(self, key: str) -> Path:
        path = (self._root / key).resolve()
        # Keys are generated, but a bad key must still never escape the root.
        if not path.is_relative_to(self._root) or path == self._root:
            raise StorageError(f"invalid storage key: {key!r}")
        return path

    async def put_file(self, key: str, source: Path) -> None:
        destination = self.path_for(key)
        await asyncio.to_thread(_copy_atomically, source, destination)

    async def put_bytes(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(_write_atomically, self.path_for(key), data)

    async def download_to(self, key: str, destination: Path) -> None:
        source = self.path_for(key)
        if not await asyncio.to_thread(source.is_file):
            raise ObjectNotFoundError(key)
        await asyncio.to_thread(_copy_atomically, source, destination)

    async def delete_prefix(self, prefix: str) -> None:
        directory = self.path_for(prefix.rstrip("/"))
        await asyncio.to_thread(shutil.rmtree, directory, True)

    async def size(self, key: str) -> int:
        try:
            return (await asyncio.to_thread(self.path_for(key).stat)).st_size
        except FileNotFoundError as error:
            raise ObjectNotFoundError(key) from error

    async def read_range(self, key: str, start: int, length: int) -> AsyncIterator[bytes]:
        path = self.path_for(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError as error:
            raise ObjectNotFoundError(key) from error
        try:
            await asyncio.to_thread(handle.seek, start)
            async for chunk in read_in_chunks(handle.read, length):
                yield chunk
        finally:
            handle.close()

    async def delete(self, key: str) -> None:
        path = self.path_for(key)
        await asyncio.to_thread(path.unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path_for(key).is_file)

    async def direct_url(self, key: str, media_type: str, disposition: str) -> str | None:
        # A file on this machine has no URL of its own; the API serves it.
        return None


def _copy_atomically(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        # A rename when source and store share a file system; a copy otherwise.
        try:
            os.link(source, partial)
        except OSError:
            shutil.copyfile(source, partial)
        os.replace(partial, destination)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        _raise_if_disk_full(error, destination)
        raise


def _write_atomically(destination: Path, data: bytes) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, destination)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        _raise_if_disk_full(error, destination)
        raise


def _raise_if_disk_full(error: BaseException, destination: Path) -> None:
    # A full disk is worth its own error: the API answers 507, the job says what to free.
    if isinstance(error, OSError) and is_disk_full(error):
        raise StorageFullError(f"no space left for {destination}") from error
