"""Every error leaves the API in the same envelope."""

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from echo_core.api.schemas.common import ErrorBody, ErrorDetail, ErrorEnvelope
from echo_core.errors import EchoError

logger = logging.getLogger(__name__)

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
    details = [ErrorDetail(message=error.message, field=error.field)] if error.field else None
    return error_response(error.status_code, error.code, error.message, details, headers)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = [
        ErrorDetail(message=_readable(str(item.get("msg", ""))), field=_field_path(item["loc"]))
        for item in error.errors()
    ]
    if any(item.get("type") == "json_invalid" for item in error.errors()):
        message = "The request body is not valid JSON."
    else:
        message = details[0].message if details else "The request is not valid."
    return error_response(422, "invalid_input", message, details)


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = _HTTP_CODES.get(error.status_code, "error")
    return error_response(error.status_code, code, str(error.detail), headers=error.headers)


async def _unexpected_error(_request: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=error)
    return error_response(500, "internal_error", "Something went wrong on our side; try again.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EchoError, _echo_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
