"""A publication's lifecycle, defined once; the API and the web client derive from it."""

import enum


class PublicationStatus(enum.StrEnum):
    # Queued, or given back after a failed attempt that may succeed later.
    PENDING = "PENDING"
    # A worker is sending the video's bytes.
    UPLOADING = "UPLOADING"
    # The video is on YouTube; its captions and thumbnail are being set.
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


# A worker holds these; an expired lease makes them runnable again.
HELD_STATUSES = (PublicationStatus.UPLOADING, PublicationStatus.PROCESSING)
UNFINISHED_PUBLICATION_STATUSES = (PublicationStatus.PENDING, *HELD_STATUSES)
