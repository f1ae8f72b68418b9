"""One line of the doctor's report."""

import enum
from dataclasses import dataclass


class Status(enum.Enum):
    OK = "✓"
    # Works, but could be better or will need a step (for example a migration) first.
    NOTE = "!"
    FAILED = "✗"


@dataclass(frozen=True)
class Finding:
    status: Status
    subject: str  # "database", "speech engine"...
    summary: str
    advice: str | None = None  # what to change, or how to do better


def ok(subject: str, summary: str, advice: str | None = None) -> Finding:
    return Finding(Status.OK, subject, summary, advice)


def note(subject: str, summary: str, advice: str) -> Finding:
    return Finding(Status.NOTE, subject, summary, advice)


def failed(subject: str, summary: str, advice: str | None = None) -> Finding:
    return Finding(Status.FAILED, subject, summary, advice)


def describe_error(error: BaseException) -> str:
    """An exception as one short line: its message, or its kind when it has none."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return text[:300] or type(error).__name__
