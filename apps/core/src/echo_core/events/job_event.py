"""What subscribers hear when a job changes: a hint to refetch, never the truth itself."""

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.video_job import VideoJob


@dataclass(frozen=True)
class JobEvent:
    job_id: str
    video_id: str
    owner_id: str
    status: str
    stage: str | None = None
    stage_status: str | None = None
    progress: float | None = None
    detail: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, payload: str) -> "JobEvent":
        return cls(**json.loads(payload))


def job_event(
    job: VideoJob,
    owner_id: str,
    status: ProcessingStatus,
    stage: Mapping[str, Any] | None = None,
) -> JobEvent:
    """The event that says `job` is now at `status`, and where its `stage` (one entry of
    its stage list) stands. The owner is passed in: it lives on the job's video, which
    callers hold loaded in different ways."""
    return JobEvent(
        job_id=job.id,
        video_id=job.video_id,
        owner_id=owner_id,
        status=status.value,
        stage=stage["name"] if stage else None,
        stage_status=stage["status"] if stage else None,
        progress=stage["progress"] if stage else None,
        detail=stage["detail"] if stage else None,
    )
