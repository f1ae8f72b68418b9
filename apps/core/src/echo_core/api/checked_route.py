"""The route class of every API router: each request is read through the checks below.

FastAPI reads a route's JSON body through `Request.body()` and `Request.json()` before any
dependency runs, so that is the one place every JSON input passes, whatever its schema. The
upload route streams its body itself (`Request.stream()`), under its own limit.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute

from echo_core.api.request_text import find_text_problem, text_problem
from echo_core.api.state import AppState

NESTED_TOO_DEEPLY = "The request body is nested too deeply."


class RefusedRequestError(HTTPException):
    """Input refused while the request is read. An HTTPException, because FastAPI turns any
    other error raised while it reads a body into a bare 400."""

    def __init__(self, status_code: int, code: str, message: str, field: str | None) -> None:
        super().__init__(status_code=status_code, detail=message)
        self.code = code
        self.message = message
        self.field = field


def _too_large(limit: int) -> RefusedRequestError:
    message = f"The request body is larger than the limit of {limit:,} bytes."
    return RefusedRequestError(413, "request_too_large", message, None)


class CheckedRequest(Request):
    async def body(self) -> bytes:
        """The whole body, read only up to the limit: a body without Content-Length
        (chunked) is stopped as soon as it crosses it, never held whole."""
        if not hasattr(self, "_body"):
            state: AppState = self.app.state.echo
            limit = state.runtime.settings.max_json_body_bytes
            declared = self.headers.get("content-length", "")
            # Compared by length first, so a Content-Length of thousands of digits is no int.
            if declared.isdigit() and (len(declared) > len(str(limit)) or int(declared) > limit):
                raise _too_large(limit)
            chunks: list[bytes] = []
            size = 0
            async for chunk in self.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)
            # Where Starlette keeps the body, so stream() and json() find it.
            self._body = b"".join(chunks)
        return self._body

    async def json(self) -> Any:
        try:
            document = await super().json()
        except RecursionError as error:
            # RFC 8259 lets a parser limit nesting; Python's stops at its recursion limit.
            raise RefusedRequestError(422, "invalid_input", NESTED_TOO_DEEPLY, None) from error
        problem = find_text_problem(document)
        if problem:
            raise RefusedRequestError(422, "invalid_input", problem.message, problem.field)
        return document


def _check_path_and_query(request: Request) -> None:
    parameters = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in parameters:
        problem = text_problem(str(value))
        if problem:
            raise RefusedRequestError(422, "invalid_input", problem, name)


class CheckedRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked_handler(request: Request) -> Response:
            _check_path_and_query(request)
            return await handler(CheckedRequest(request.scope, request.receive))

        return checked_handler
