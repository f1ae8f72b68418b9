"""The two shapes of a log line: readable text for a terminal, one JSON object for machines.

Both carry the same fields: time, level, logger, message, the context's fields (request
and job ids, see log_context.py and request_facts.py) and whatever a call passed in
`extra=`. Values are written as given: nothing secret is ever passed to a log call.
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

from echo_core.observability.log_context import current_log_fields
from echo_core.observability.request_facts import current_request_facts

# Attributes every LogRecord has; anything else on a record came from `extra=`, except
# uvicorn's `color_message`, the same message with terminal colours.
_STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
) | {"message", "asctime", "taskName", "color_message"}


def line_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The structured fields of one line: context first, then the call's own `extra`."""
    fields: dict[str, Any] = dict(current_log_fields())
    facts = current_request_facts()
    if facts is not None:
        fields.setdefault("request_id", facts.request_id)
        if facts.user_id is not None:
            fields.setdefault("user_id", facts.user_id)
    for name, value in vars(record).items():
        if name not in _STANDARD_ATTRIBUTES and not name.startswith("_"):
            fields[name] = value
    return fields


def _timestamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": _timestamp(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **line_fields(record),
        }
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return json.dumps(document, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`2026-01-02 10:00:00.123 INFO  echo_core.worker: job claimed job_id=... attempt=1`"""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%Y-%m-%d %H:%M:%S")
        fields = " ".join(
            f"{name}={_text_value(value)}" for name, value in line_fields(record).items()
        )
        line = f"{when}.{int(record.msecs):03d} {record.levelname:<5} {record.name}: "
        line += record.getMessage() + (f"  {fields}" if fields else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def _text_value(value: object) -> str:
    text = str(value)
    # Quoted when it would run into the next field or forge a line: a request path may hold
    # any character its client chose.
    plain = text and text.isprintable() and " " not in text and '"' not in text
    return text if plain else json.dumps(text, ensure_ascii=False)
