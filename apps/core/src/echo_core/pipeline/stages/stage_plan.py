"""A job's stage list as today's pipeline runs it, whenever the job was stored."""

from typing import Any

from echo_core.models.processing_stage import StageStatus
from echo_core.pipeline.stages.registry import STAGE_NAMES

StoredStages = list[dict[str, Any]]


def pending_stage(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "status": StageStatus.PENDING.value,
        "progress": 0.0,
        "started_at": None,
        "finished_at": None,
        "detail": None,
    }


def current_plan(stored: StoredStages) -> StoredStages:
    """Every stage of today's list, in its order: as stored where the job has it, pending
    where the job was stored before the stage existed. A stage since removed is left out:
    nothing runs it, and its output stays in the metadata."""
    by_name = {stage["name"]: stage for stage in stored}
    return [dict(by_name.get(name) or pending_stage(name)) for name in STAGE_NAMES]
