"""Every error leaves the API in the same envelope."""

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from echo_core.api.checked_route import RefusedRequestError
from echo_core.api.schemas.common import ErrorBody, ErrorDetail, ErrorEnvelope
from echo_core.api.security_headers import json_security_headers
from echo_core.errors import EchoError, StaleVersionError, TooManyAttemptsError
from echo_core.storage.base import ObjectNotFoundError, StorageError, StorageFullError

logger = logging.getLogger(__name__)

INVALID_JSON = "The request body is not valid JSON."
_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "upload_too_large",
    416: "range_not_satisfiable",
}


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: list[ErrorDetail] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    envelope = ErrorEnvelope(error=ErrorBody(code=code, message=message, details=details or []))
    return JSONResponse(envelope.model_dump(mode="json"), status_code=status_code, headers=headers)


def _field_path(location: tuple[object, ...]) -> str | None:
    parts = [str(part) for part in location if part not in ("body", "query", "path")]
    return ".".join(parts) or None


def _readable(message: str) -> str:
    # Pydantic prefixes messages from custom validators; people don't need to see it.
    return message.removeprefix("Value error, ")


async def _echo_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, EchoError)
    headers = {"WWW-Authenticate": "Bearer"} if error.status_code == 401 else None
    current_version = error.current_version if isinstance(error, StaleVersionError) else None
    details = (
        [ErrorDetail(message=error.message, field=error.field, current_version=current_version)]
        if error.field
        else None
    )
    return error_response(error.status_code, error.code, error.message, details, headers)


async def _too_many_attempts(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, TooManyAttemptsError)
    headers = {"Retry-After": str(error.retry_after_seconds)}
    return error_response(error.status_code, error.code, error.message, headers=headers)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = [
        ErrorDetail(message=_readable(str(item.get("msg", ""))), field=_field_path(item["loc"]))
        for item in error.errors()
    ]
    if any(item.get("type") == "json_invalid" for item in error.errors()):
        message = INVALID_JSON
    else:
        message = details[0].message if details else "The request is not valid."
    return error_response(422, "invalid_input", message, details)


async def _refused_request(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RefusedRequestError)
    details = [ErrorDetail(message=error.message, field=error.field)]
    return error_response(error.status_code, error.code, error.message, details)


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    if isinstance(error.__cause__, UnicodeDecodeError):
        # FastAPI answers a body that is not UTF-8 with a bare 400; it is as much invalid
        # JSON as any other, so it gets the same 422 the routes declare.
        details = [ErrorDetail(message=INVALID_JSON)]
        return error_response(422, "invalid_input", INVALID_JSON, details)
    code = _HTTP_CODES.get(error.status_code, "error")
    return error_response(error.status_code, code, str(error.detail), headers=error.headers)


async def _object_missing(_request: Request, error: Exception) -> JSONResponse:
    # The row exists but its file does not: the store lost it, or someone removed it.
    logger.error("stored object missing: %s", error)
    return error_response(404, "not_found", "The file is missing from storage.")


async def _storage_unavailable(_request: Request, error: Exception) -> JSONResponse:
    # The log gets the store's own words; the client gets no bucket or endpoint names.
    logger.error("storage failed: %s", error, exc_info=error)
    return error_response(503, "storage_unavailable", "Storage is unavailable; try again.")


async def _storage_full(_request: Request, error: Exception) -> JSONResponse:
    logger.error("out of disk space: %s", error)
    return error_response(
        507,
        "insufficient_storage",
        "The server has run out of disk space, so the file could not be saved. "
        "Try again once space has been freed.",
    )


async def _unexpected_error(_request: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=error)
    return error_response(
        500,
        "internal_error",
        "Something went wrong on our side; try again.",
        headers=json_security_headers(),
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EchoError, _echo_error)
    app.add_exception_handler(TooManyAttemptsError, _too_many_attempts)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RefusedRequestError, _refused_request)
    # Starlette picks the handler of the closest class, so a missing object is not a 503,
    # nor a full disk.
    app.add_exception_handler(ObjectNotFoundError, _object_missing)
    app.add_exception_handler(StorageFullError, _storage_full)
    app.add_exception_handler(StorageError, _storage_unavailable)
    app.add_exception_handler(Exception, _unexpected_error)
