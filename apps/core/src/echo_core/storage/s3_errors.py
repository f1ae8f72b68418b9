"""Turn what boto3 raises into the storage errors the rest of Echo understands."""

from collections.abc import Iterator
from contextlib import contextmanager

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import BotoCoreError, ClientError

from echo_core.storage.base import ObjectNotFoundError, StorageError

# HeadObject answers a bare "404" (a HEAD has no body to name the error); GetObject
# answers NoSuchKey.
_MISSING_OBJECT_CODES = {"404", "NoSuchKey", "NotFound"}


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _describe(error: Exception) -> str:
    if isinstance(error, ClientError):
        details = error.response.get("Error", {})
        code, message = details.get("Code", "error"), details.get("Message", "")
        return f"{code}: {message}" if message else str(code)
    return str(error)


@contextmanager
def translated_errors(action: str, key: str, bucket: str) -> Iterator[None]:
    """Raise StorageError (ObjectNotFoundError for a missing object) instead of boto's errors.

    `action` completes "S3 could not ..." so the message reads as a sentence.
    """
    try:
        yield
    except ClientError as error:
        code = error_code(error)
        if code in _MISSING_OBJECT_CODES:
            raise ObjectNotFoundError(f"{key!r} is not in S3 bucket {bucket!r}") from error
        if code == "NoSuchBucket":
            raise StorageError(f"S3 bucket {bucket!r} does not exist") from error
        raise StorageError(f"S3 could not {action} {key!r}: {_describe(error)}") from error
    except (BotoCoreError, S3UploadFailedError) as error:
        # Network failures, missing credentials, timeouts, interrupted reads.
        raise StorageError(f"S3 could not {action} {key!r}: {_describe(error)}") from error
