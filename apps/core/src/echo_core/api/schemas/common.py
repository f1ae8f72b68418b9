"""Shapes shared by every route: the error envelope and the page wrapper."""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class ErrorDetail(BaseModel):
    message: str
    field: str | None = Field(default=None, description="Dotted path of the offending field")
    current_version: int | None = Field(
        default=None, description="With `stale_version`: the version the edit must be made from"
    )


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. `not_found`")
    message: str = Field(description="What went wrong, in words a person understands")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorEnvelope(BaseModel):
    """Every error the API returns has this shape."""

    model_config = ConfigDict(json_schema_extra={"title": "ErrorEnvelope"})

    error: ErrorBody


ItemT = TypeVar("ItemT")
# Deeper than any library is long, and within every database's integer range.
MAX_PAGE_OFFSET = 1_000_000_000


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    total: int
    limit: int
    offset: int


_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries declaring the envelope for each error status a route can answer."""
    descriptions = {
        400: "Bad request",
        401: "Not signed in, or the token is not valid",
        403: "Refused: not an admin (instance settings), or a write signed in by the "
        "session cookie, sent from another site",
        404: "Not found (or not yours)",
        408: "The upload took longer than the server allows",
        409: "Conflict",
        413: "Request body too large",
        415: "Not a supported video",
        416: "Range not satisfiable",
        422: "Invalid input",
        429: "Too many: sign-in attempts (wait as long as Retry-After says), or jobs queued",
        500: "Unexpected server error",
        503: "Storage is unavailable; try again",
        507: "The server is out of disk space",
    }
    return {
        code: {"model": ErrorEnvelope, "description": descriptions[code]}
        | ({"headers": _RETRY_AFTER} if code == 429 else {})
        for code in status_codes
    }
