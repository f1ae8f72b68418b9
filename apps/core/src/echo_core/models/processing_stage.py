"""The states each of the pipeline's stages passes through (the stages themselves are
listed in pipeline/stages/registry.py)."""

import enum


class StageStatus(enum.StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"
