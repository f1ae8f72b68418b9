"""Edits to a job's `processing_stages` list, kept as plain JSON-ready dicts."""

import copy
from typing import Any

from echo_core.models.base import utcnow
from echo_core.models.processing_stage import StageStatus

Stages = list[dict[str, Any]]
DONE = (StageStatus.COMPLETED.value, StageStatus.SKIPPED.value)


def _find(stages: Stages, name: str) -> dict[str, Any]:
    for stage in stages:
        if stage["name"] == name:
            return stage
    raise KeyError(name)


def is_done(stages: Stages, name: str) -> bool:
    return _find(stages, name)["status"] in DONE


def started(stages: Stages, name: str) -> Stages:
    updated = copy.deepcopy(stages)
    stage = _find(updated, name)
    stage.update(
        status=StageStatus.RUNNING.value,
        progress=0.0,
        started_at=utcnow().isoformat(),
        finished_at=None,
        detail=None,
    )
    return updated


def progressed(stages: Stages, name: str, fraction: float, detail: str | None) -> Stages:
    updated = copy.deepcopy(stages)
    stage = _find(updated, name)
    stage["progress"] = round(min(max(fraction, 0.0), 1.0), 4)
    if detail is not None:
        stage["detail"] = detail
    return updated


def finished(stages: Stages, name: str, status: StageStatus, detail: str | None) -> Stages:
    updated = copy.deepcopy(stages)
    stage = _find(updated, name)
    stage.update(status=status.value, finished_at=utcnow().isoformat(), detail=detail)
    if status in (StageStatus.COMPLETED, StageStatus.SKIPPED):
        stage["progress"] = 1.0
    return updated


def reset_unfinished(stages: Stages) -> Stages:
    """For a retry: stages that finished keep their output; the rest start over."""
    updated = copy.deepcopy(stages)
    for stage in updated:
        if stage["status"] not in DONE:
            stage.update(
                status=StageStatus.PENDING.value,
                progress=0.0,
                started_at=None,
                finished_at=None,
                detail=None,
            )
    return updated


def current_stage(stages: Stages) -> dict[str, Any] | None:
    for stage in stages:
        if stage["status"] not in DONE:
            return stage
    return None
