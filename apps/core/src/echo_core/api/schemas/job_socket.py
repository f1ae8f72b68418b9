"""Messages on `WS /api/ws/jobs`. Declared in OpenAPI too, so the web client is typed."""

from typing import Annotated, Literal

from pydantic import BaseModel, Field, RootModel

from echo_core.events.job_event import JobEvent
from echo_core.models.processing_stage import StageStatus
from echo_core.models.processing_status import ProcessingStatus


class JobSocketAuthMessage(BaseModel):
    """Sent by the client first, unless the session cookie already signed it in."""

    type: Literal["auth"]
    token: str


class JobSocketReadyMessage(BaseModel):
    type: Literal["ready"] = "ready"
    user_id: str


class JobSocketEventMessage(BaseModel):
    """A hint that a job changed: refetch the REST resources, which are the truth."""

    type: Literal["job"] = "job"
    job_id: str
    video_id: str
    status: ProcessingStatus
    stage: str | None = None
    stage_status: StageStatus | None = None
    progress: float | None = Field(default=None, ge=0, le=1)
    detail: str | None = None

    @classmethod
    def from_event(cls, event: JobEvent) -> "JobSocketEventMessage":
        return cls(
            job_id=event.job_id,
            video_id=event.video_id,
            status=ProcessingStatus(event.status),
            stage=event.stage,
            stage_status=StageStatus(event.stage_status) if event.stage_status else None,
            progress=event.progress,
            detail=event.detail,
        )


class JobSocketServerMessage(
    RootModel[Annotated[JobSocketReadyMessage | JobSocketEventMessage, Field(discriminator="type")]]
):
    """Anything the server sends on the socket."""


SOCKET_SCHEMAS = (JobSocketAuthMessage, JobSocketServerMessage)
