"""Fields every log line carries while a request or a job is being handled.

A request binds its `request_id`, a job its `job_id` and `video_id`; tasks started inside
inherit them (asyncio copies the context into a new task), so a stage's own lines name the
job without anyone passing ids along.
"""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

_fields: ContextVar[MappingProxyType[str, Any]] = ContextVar(
    "echo_log_fields", default=MappingProxyType({})
)


@contextlib.contextmanager
def log_fields(**fields: Any) -> Iterator[None]:
    """Add `fields` to every line logged inside the block (nested blocks add to them)."""
    token = _fields.set(MappingProxyType({**_fields.get(), **fields}))
    try:
        yield
    finally:
        _fields.reset(token)


def current_log_fields() -> MappingProxyType[str, Any]:
    return _fields.get()
