"""The job lifecycle, defined once; the API and the web client derive from it."""

import enum


class ProcessingStatus(enum.StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"


FINISHED_STATUSES = frozenset(
    {ProcessingStatus.COMPLETED, ProcessingStatus.FAILED, ProcessingStatus.CANCELED}
)
# Queued or running: what a worker may still take up.
UNFINISHED_STATUSES = (ProcessingStatus.PENDING, ProcessingStatus.PROCESSING)
