"""Stream a multipart upload straight to a file, enforcing the size limit as bytes arrive.

FastAPI's UploadFile would spool the whole body before the handler runs, so an oversized
upload would fill the disk before anyone said no. This parser writes the `file` field in
chunks and stops the moment the limit is crossed, or the upload has taken too long. The
short `language` field is kept in memory.
"""

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from fastapi import Request
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from echo_core.errors import (
    BadUploadError,
    UnsupportedMediaError,
    UploadTimeoutError,
    UploadTooLargeError,
)
from echo_core.storage.base import StorageFullError, is_disk_full

UPLOAD_FIELD = "file"
# The optional form field naming the language spoken in the video.
LANGUAGE_FIELD = "language"
# A language code is a few letters; anything longer is not one.
_MAX_LANGUAGE_BYTES = 16
# Multipart framing around the file: boundaries, headers, a long filename.
_FRAMING_ALLOWANCE = 64 * 1024


@dataclass(frozen=True)
class ReceivedUpload:
    filename: str | None
    size_bytes: int
    language: str | None = None  # as sent, or None when the field was left out


def too_large_message(max_bytes: int) -> str:
    return f"The file is larger than the {max_bytes / 1024**2:,.0f} MB limit."


def too_slow_message(timeout_seconds: float) -> str:
    return (
        f"The upload took longer than the {_span(timeout_seconds)} limit. "
        "Try again on a faster connection."
    )


def _span(seconds: float) -> str:
    """4 hours as "4-hour", 90 s as "90-second": as a person would say it."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}-{unit}"
    return f"{seconds:g}-second"


@dataclass
class _PartState:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    header_field: bytes = b""
    header_value: bytes = b""
    writing: bool = False
    reading_language: bool = False


class _FileFieldCollector:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.part = _PartState()
        self.filename: str | None = None
        self.found = False
        self.size = 0
        self.pending: list[bytes] = []
        self.language: bytearray | None = None

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._on_part_begin,
            "on_header_field": self._on_header_field,
            "on_header_value": self._on_header_value,
            "on_header_end": self._on_header_end,
            "on_headers_finished": self._on_headers_finished,
            "on_part_data": self._on_part_data,
            "on_part_end": self._on_part_end,
        }

    def _on_part_begin(self) -> None:
        self.part = _PartState()

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.part.header_field += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.part.header_value += data[start:end]

    def _on_header_end(self) -> None:
        self.part.headers[self.part.header_field.lower()] = self.part.header_value
        self.part.header_field = b""
        self.part.header_value = b""

    def _on_headers_finished(self) -> None:
        _, options = parse_options_header(self.part.headers.get(b"content-disposition", b""))
        if options.get(b"name") == UPLOAD_FIELD.encode() and not self.found:
            self.found = True
            self.part.writing = True
            self.filename = _filename_from(options)
        elif options.get(b"name") == LANGUAGE_FIELD.encode() and self.language is None:
            self.language = bytearray()
            self.part.reading_language = True

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.part.reading_language and self.language is not None:
            self.language += data[start:end]
            if len(self.language) > _MAX_LANGUAGE_BYTES:
                raise BadUploadError(f"The form field '{LANGUAGE_FIELD}' is too long.")
            return
        if not self.part.writing:
            return
        self.size += end - start
        if self.size > self.max_bytes:
            raise UploadTooLargeError(too_large_message(self.max_bytes))
        self.pending.append(data[start:end])

    def _on_part_end(self) -> None:
        self.part.writing = False
        self.part.reading_language = False

    def take_pending(self) -> bytes:
        chunk = b"".join(self.pending)
        self.pending.clear()
        return chunk


def _filename_from(options: dict[bytes, bytes]) -> str | None:
    extended = options.get(b"filename*")
    if extended:
        # RFC 5987: charset'language'percent-encoded-name
        _charset, _, rest = extended.decode("latin-1").partition("'")
        _language, _, encoded = rest.partition("'")
        return unquote(encoded, encoding="utf-8", errors="replace")
    raw = options.get(b"filename")
    if raw is None:
        return None
    # Browsers (per the HTML standard) send these three characters percent-escaped.
    name = raw.decode("utf-8", errors="replace")
    return name.replace("%0A", "\n").replace("%0D", "\r").replace("%22", '"')


def _boundary(request: Request) -> bytes:
    content_type, options = parse_options_header(request.headers.get("content-type"))
    if content_type != b"multipart/form-data" or not options.get(b"boundary"):
        raise UnsupportedMediaError(
            "Send the video as multipart/form-data with the file in the field 'file'."
        )
    return options[b"boundary"]


def _check_declared_length(request: Request, max_bytes: int) -> None:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes + _FRAMING_ALLOWANCE:
        raise UploadTooLargeError(too_large_message(max_bytes))


async def _write_file_field(
    request: Request, parser: MultipartParser, collector: _FileFieldCollector, destination: Path
) -> None:
    handle: BinaryIO = await asyncio.to_thread(destination.open, "wb")
    try:
        async for chunk in request.stream():
            try:
                parser.write(chunk)
            except MultipartParseError as error:
                raise BadUploadError("The upload is not well-formed multipart data.") from error
            data = collector.take_pending()
            if data:
                await asyncio.to_thread(handle.write, data)
        parser.finalize()
    finally:
        # Closing flushes the last buffered bytes, so a full disk may only show here.
        await asyncio.to_thread(handle.close)


async def receive_upload(
    request: Request, destination: Path, max_bytes: int, timeout_seconds: float
) -> ReceivedUpload:
    """Write the request's `file` field to `destination`; raise a clear error on bad input.

    The whole upload gets `timeout_seconds`: a client that stalls cannot hold a connection
    and a partial file forever, and a partial file older than that is known to be garbage.
    """
    boundary = _boundary(request)
    _check_declared_length(request, max_bytes)
    collector = _FileFieldCollector(max_bytes)
    parser = MultipartParser(boundary, collector.callbacks())  # type: ignore[arg-type]
    try:
        async with asyncio.timeout(timeout_seconds):
            await _write_file_field(request, parser, collector, destination)
    except TimeoutError as error:
        raise UploadTimeoutError(too_slow_message(timeout_seconds)) from error
    except OSError as error:
        if is_disk_full(error):
            raise StorageFullError(f"no space left for {destination}") from error
        raise
    if not collector.found:
        raise BadUploadError("No file was sent: put the video in the form field 'file'.")
    if collector.size == 0:
        raise UnsupportedMediaError("The file is empty.")
    language = None
    if collector.language is not None:
        language = collector.language.decode("utf-8", errors="replace").strip()
    return ReceivedUpload(filename=collector.filename, size_bytes=collector.size, language=language)
