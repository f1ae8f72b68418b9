"""Reading part of a stored object a chunk at a time, so a long range is never held whole
and the blocking reads of a file or an S3 body stay off the event loop."""

import asyncio
from collections.abc import AsyncIterator, Callable

READ_CHUNK_BYTES = 256 * 1024


async def read_in_chunks(read: Callable[[int], bytes], length: int) -> AsyncIterator[bytes]:
    """Up to `length` bytes from the blocking `read(size)`, each call in a thread; fewer
    when the object ends first."""
    remaining = length
    while remaining > 0:
        chunk = await asyncio.to_thread(read, min(READ_CHUNK_BYTES, remaining))
        if not chunk:
            break
        remaining -= len(chunk)
        yield chunk
