"""Objects in a bucket of any S3-compatible store.

boto3 is synchronous; every call runs in a thread (`asyncio.to_thread`) so the event
loop, heartbeats and other requests never wait on the network. Files move through
boto3's transfer manager: multipart, a part at a time, never whole in memory.
"""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from echo_core.storage.base import ObjectNotFoundError, StorageError
from echo_core.storage.chunked_read import read_in_chunks
from echo_core.storage.s3_errors import error_code, translated_errors

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client
    from types_boto3_s3.type_defs import ObjectIdentifierTypeDef

# Parts of one file sent at once: a bounded memory cost (parts x part size) per upload.
TRANSFER_CONCURRENCY = 4
DEFAULT_PART_BYTES = 16 * 1024 * 1024


class S3Storage:
    def __init__(
        self,
        client: "S3Client",
        bucket: str,
        prefix: str = "",
        part_bytes: int = DEFAULT_PART_BYTES,
        presigned_url_seconds: int | None = None,
    ) -> None:
        """`presigned_url_seconds` enables `direct_url`; None keeps every read in the API."""
        self._client = client
        self._bucket = bucket
        self._prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self._transfer = TransferConfig(
            multipart_threshold=part_bytes,
            multipart_chunksize=part_bytes,
            max_concurrency=TRANSFER_CONCURRENCY,
        )
        self._presigned_url_seconds = presigned_url_seconds

    def object_key(self, key: str) -> str:
        """The key in the bucket: Echo's key under the configured prefix."""
        # Keys are generated, but a malformed one must never reach outside Echo's folder
        # (some S3-compatible stores resolve `..` like a file system).
        if key.startswith("/") or any(part in ("", ".", "..") for part in key.split("/")):
            raise StorageError(f"invalid storage key: {key!r}")
        return self._prefix + key

    async def put_file(self, key: str, source: Path) -> None:
        object_key = self.object_key(key)
        with translated_errors("store", key, self._bucket):
            await asyncio.to_thread(
                self._client.upload_file,
                str(source),
                self._bucket,
                object_key,
                Config=self._transfer,
            )

    async def put_bytes(self, key: str, data: bytes) -> None:
        object_key = self.object_key(key)
        with translated_errors("store", key, self._bucket):
            await asyncio.to_thread(
                self._client.put_object, Bucket=self._bucket, Key=object_key, Body=data
            )

    async def download_to(self, key: str, destination: Path) -> None:
        object_key = self.object_key(key)

        def download() -> None:
            destination.parent.mkdir(parents=True, exist_ok=True)
            # Written to a temporary name and renamed: a failed download leaves nothing
            # a retry could take for the finished file.
            self._client.download_file(
                self._bucket, object_key, str(destination), Config=self._transfer
            )

        with translated_errors("download", key, self._bucket):
            await asyncio.to_thread(download)

    async def delete_prefix(self, prefix: str) -> None:
        """Remove every object in the folder `prefix` (a trailing `/` is implied)."""
        # As with local storage, a prefix is a folder: "jobs/1" must not take "jobs/10/".
        folder = self.object_key(prefix.rstrip("/")) + "/"
        with translated_errors("delete the objects under", prefix, self._bucket):
            await asyncio.to_thread(self._delete_folder, folder)

    def _delete_folder(self, folder: str) -> None:
        pages = self._client.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix=folder
        )
        for page in pages:
            # A listing page holds at most 1000 keys, which is DeleteObjects' limit.
            keys: list[ObjectIdentifierTypeDef] = [
                {"Key": item["Key"]} for item in page.get("Contents", []) if "Key" in item
            ]
            if not keys:
                continue
            answer = self._client.delete_objects(
                Bucket=self._bucket, Delete={"Objects": keys, "Quiet": True}
            )
            failed = answer.get("Errors", [])
            if failed:
                first = failed[0]
                raise StorageError(
                    f"S3 could not delete {len(failed)} objects under {folder!r}, "
                    f"e.g. {first.get('Key')!r}: {first.get('Code')}: {first.get('Message')}"
                )

    async def size(self, key: str) -> int:
        object_key = self.object_key(key)
        with translated_errors("read the size of", key, self._bucket):
            head = await asyncio.to_thread(
                self._client.head_object, Bucket=self._bucket, Key=object_key
            )
        return head["ContentLength"]

    async def read_range(self, key: str, start: int, length: int) -> AsyncIterator[bytes]:
        object_key = self.object_key(key)
        if length <= 0:
            return
        with translated_errors("read", key, self._bucket):
            try:
                response = await asyncio.to_thread(
                    self._client.get_object,
                    Bucket=self._bucket,
                    Key=object_key,
                    Range=f"bytes={start}-{start + length - 1}",
                )
            except ClientError as error:
                # A range starting past the end reads nothing, as a file read past EOF does.
                if error_code(error) == "InvalidRange":
                    return
                raise
            body = response["Body"]
            try:
                async for chunk in read_in_chunks(body.read, length):
                    yield chunk
            finally:
                # Also when the client hangs up mid-stream: the connection goes back.
                body.close()

    async def delete(self, key: str) -> None:
        object_key = self.object_key(key)
        with translated_errors("delete", key, self._bucket):
            # S3 answers a delete of a missing key with success, as the protocol wants.
            await asyncio.to_thread(self._client.delete_object, Bucket=self._bucket, Key=object_key)

    async def exists(self, key: str) -> bool:
        try:
            await self.size(key)
        except ObjectNotFoundError:
            return False
        return True

    async def direct_url(self, key: str, media_type: str, disposition: str) -> str | None:
        if self._presigned_url_seconds is None:
            return None
        object_key = self.object_key(key)
        params = {
            "Bucket": self._bucket,
            "Key": object_key,
            # The store answers with these headers, so the browser sees what the API would send.
            "ResponseContentType": media_type,
            "ResponseContentDisposition": disposition,
        }
        with translated_errors("sign a URL for", key, self._bucket):
            # Signing is local, but resolving credentials (an instance role) may not be.
            return await asyncio.to_thread(
                self._client.generate_presigned_url,
                "get_object",
                Params=params,
                ExpiresIn=self._presigned_url_seconds,
            )
