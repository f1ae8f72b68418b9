"""The store the settings ask for, built once per process (API or worker)."""

from echo_core.config import Settings
from echo_core.storage.base import Storage
from echo_core.storage.local import LocalStorage
from echo_core.storage.s3 import S3Storage
from echo_core.storage.s3_client import new_s3_client


def build_storage(settings: Settings) -> Storage:
    if settings.storage_backend == "local":
        return LocalStorage(settings.media_dir)
    if not settings.s3_bucket:
        raise ValueError("ECHO_S3_BUCKET must be set when ECHO_STORAGE_BACKEND is s3")
    return S3Storage(
        new_s3_client(settings),
        settings.s3_bucket,
        prefix=settings.s3_prefix,
        part_bytes=settings.s3_part_bytes,
        presigned_url_seconds=settings.s3_presigned_url_seconds
        if settings.s3_presigned_originals
        else None,
    )
