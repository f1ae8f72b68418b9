"""Whether the data directory and the configured storage can be written."""

import asyncio
import os
import shutil
import uuid
from pathlib import Path

from echo_core.config import Settings
from echo_core.doctor.finding import Finding, describe_error, failed, note, ok
from echo_core.storage.factory import build_storage

GIB = 1024**3
# Below this a single long upload and its decoded audio may not fit.
LOW_SPACE_BYTES = 2 * GIB
STORAGE_TIMEOUT_SECONDS = 15.0


def check_data_dir(settings: Settings) -> Finding:
    subject = "data directory"
    directory = settings.data_dir.resolve()
    writable_advice = "set ECHO_DATA_DIR to a directory this user can write"
    if not directory.exists():
        parent = _nearest_existing(directory)
        if not os.access(parent, os.W_OK | os.X_OK):
            return failed(
                subject, f"{directory} cannot be created ({parent} is read-only)", writable_advice
            )
        return ok(subject, f"{directory} (created on first use)")
    if not directory.is_dir():
        return failed(subject, f"{directory} is not a directory", writable_advice)
    if not os.access(directory, os.W_OK | os.X_OK):
        return failed(subject, f"{directory} is not writable", writable_advice)
    free = shutil.disk_usage(directory).free
    summary = f"{directory} ({free / GIB:.1f} GiB free)"
    if free < LOW_SPACE_BYTES:
        return note(subject, summary, "free some space: uploads and decoded audio are kept here")
    return ok(subject, summary)


async def check_storage(settings: Settings) -> Finding:
    """Write, find and delete one small object: what every upload needs to work."""
    subject = "storage"
    backend = settings.storage_backend
    where = (
        f"local, {settings.media_dir.resolve()}"
        if backend == "local"
        else f"s3, bucket {settings.s3_bucket} at {settings.s3_endpoint_url or 'AWS'}"
    )
    key = f".echo-doctor-{uuid.uuid4().hex}"
    try:
        storage = build_storage(settings)
        async with asyncio.timeout(STORAGE_TIMEOUT_SECONDS):
            await storage.put_bytes(key, b"written by echo-core doctor\n")
            found = await storage.exists(key)
            await storage.delete(key)
    except TimeoutError:
        return failed(
            subject, f"{where}: no answer within {STORAGE_TIMEOUT_SECONDS:g} s", _advice(backend)
        )
    except Exception as error:  # permissions, a missing bucket, bad credentials, no network
        return failed(subject, f"{where}: {describe_error(error)}", _advice(backend))
    if not found:
        return failed(subject, f"{where}: an object written was not found again", _advice(backend))
    return ok(subject, f"{where}: writable")


def _advice(backend: str) -> str:
    if backend == "local":
        return "set ECHO_DATA_DIR to a directory this user can write"
    return "check ECHO_S3_BUCKET, ECHO_S3_ENDPOINT_URL and the credentials"


def _nearest_existing(path: Path) -> Path:
    while not path.exists():
        path = path.parent
    return path
