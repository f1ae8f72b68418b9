"""Domain errors. Services raise these; the API turns each into the error envelope."""


class EchoError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        # The input field the error is about, so a form can show it in the right place.
        self.field = field


class NotFoundError(EchoError):
    status_code = 404
    code = "not_found"


class ConflictError(EchoError):
    status_code = 409
    code = "conflict"


class StaleVersionError(ConflictError):
    """An edit made from a version that is no longer the current one."""

    code = "stale_version"

    def __init__(self, what: str, current_version: int) -> None:
        super().__init__(
            f"The {what} changed since you loaded it (it is now version {current_version}): "
            "reload it and make your edit again.",
            "version",
        )
        # In the error's details, so a client can reload and compare.
        self.current_version = current_version


class VideoBusyError(ConflictError):
    """An edit while the video's job is queued or running, which would overwrite it."""

    code = "video_busy"


class InvalidInputError(EchoError):
    status_code = 422
    code = "invalid_input"


class AuthenticationError(EchoError):
    status_code = 401
    code = "not_authenticated"


class UploadTooLargeError(EchoError):
    status_code = 413
    code = "upload_too_large"


class UnsupportedMediaError(EchoError):
    status_code = 415
    code = "unsupported_media"


class MediaLimitError(EchoError):
    """A readable video beyond what this server takes (ECHO_MAX_DURATION_SECONDS and such)."""

    status_code = 422
    code = "media_limit_exceeded"


class MediaCutOffError(EchoError):
    """A file that holds less media than it claims: cut off before its end."""

    status_code = 422
    code = "media_cut_off"


class BadUploadError(EchoError):
    status_code = 400
    code = "bad_upload"


class ForbiddenError(EchoError):
    status_code = 403
    code = "forbidden"


class QueueFullError(EchoError):
    """The owner has as many jobs queued or running as one owner may."""

    status_code = 429
    code = "queue_full"


class TooManyAttemptsError(EchoError):
    status_code = 429
    code = "too_many_attempts"

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        # Sent as Retry-After, so clients (and people) know when to try again.
        self.retry_after_seconds = retry_after_seconds


class UploadTimeoutError(EchoError):
    status_code = 408
    code = "upload_timeout"
