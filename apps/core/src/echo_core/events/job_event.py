"""What subscribers hear when a job changes: a hint to refetch, never the truth itself."""

import json
from dataclasses import asdict, dataclass


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
