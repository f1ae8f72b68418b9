"""Serve a stored object with HTTP Range support, so players can seek."""

import re
from collections.abc import AsyncIterator
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse, StreamingResponse

from echo_core.api.error_handlers import error_response
from echo_core.storage.base import Storage

_SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# 10^18 bytes is an exabyte, beyond any stored object. A position written with more digits
# is refused as unsatisfiable (as nginx refuses positions that overflow its integers) before
# int() sees it: Python will not convert more than 4300 digits, and thousands cost quadratic
# time.
_MAX_POSITION_DIGITS = 18


class UnsatisfiableRangeError(Exception):
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions, inclusive; None means send the whole object.

    Only single ranges are served; a multi-range request gets the whole object, which
    RFC 9110 allows and every media player handles.
    """
    if not header:
        return None
    match = _SINGLE_RANGE.match(header.strip())
    if not match:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if max(len(first_text), len(last_text)) > _MAX_POSITION_DIGITS:
        raise UnsatisfiableRangeError
    if not first_text:
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            raise UnsatisfiableRangeError
        return max(size - suffix, 0), size - 1
    first = int(first_text)
    last = min(int(last_text), size - 1) if last_text else size - 1
    if first >= size or first > last:
        raise UnsatisfiableRangeError
    return first, last


def content_disposition(filename: str, inline: bool) -> str:
    kind = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "'")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


async def direct_download_redirect(
    storage: Storage, key: str, media_type: str, filename: str
) -> Response | None:
    """Send the client to the store itself when the store offers a URL, else None."""
    url = await storage.direct_url(key, media_type, content_disposition(filename, inline=True))
    if url is None:
        return None
    # 307 keeps the method, and clients repeat their Range header to the new address.
    # Never cached: the URL expires, and the next request must check ownership again.
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": "private, no-store"})


async def stored_object_response(
    request: Request,
    storage: Storage,
    key: str,
    media_type: str,
    filename: str,
    inline: bool = True,
) -> Response:
    size = await storage.size(key)
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Disposition": content_disposition(filename, inline),
        "Cache-Control": "private, max-age=0",
    }
    try:
        byte_range = parse_range(request.headers.get("range"), size)
    except UnsatisfiableRangeError:
        return error_response(
            416,
            "range_not_satisfiable",
            "The requested byte range is outside the file.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    if byte_range is None:
        headers["Content-Length"] = str(size)
        body = await _started(storage.read_range(key, 0, size))
        return StreamingResponse(body, status_code=200, media_type=media_type, headers=headers)
    first, last = byte_range
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    headers["Content-Length"] = str(last - first + 1)
    body = await _started(storage.read_range(key, first, last - first + 1))
    return StreamingResponse(body, status_code=206, media_type=media_type, headers=headers)


async def _started(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """Read the first chunk before the status line goes out, so a store that cannot serve
    the object fails the request with an error envelope. Once a 200 is sent, a failure can
    only cut the body short (the client sees fewer bytes than Content-Length)."""
    first = await anext(chunks, b"")

    async def first_then_rest() -> AsyncIterator[bytes]:
        if first:
            yield first
        async for chunk in chunks:
            yield chunk

    return first_then_rest()
