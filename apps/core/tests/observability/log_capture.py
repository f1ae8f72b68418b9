"""The app's log lines as JSON documents, captured in-process with the real formatter."""

import contextlib
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

from echo_core.observability.log_format import JsonFormatter


@contextlib.contextmanager
def json_lines(logger_name: str = "echo_core") -> Iterator[list[dict[str, Any]]]:
    """Yields a list that, after the block, holds every line `logger_name` wrote in it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(logger_name)
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    lines: list[dict[str, Any]] = []
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())
