"""The pipeline's stages and the states each one passes through."""

import enum

STAGE_NAMES = (
    "probe",
    "extract_audio",
    "transcribe",
    "subtitles",
    "chapters",
    "metadata",
    "thumbnails",
)


class StageStatus(enum.StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"
