"""What subscribers hear when a publication moves: a job event on the video's job, whose
stage is `publish` and whose stage status is the publication's. Pages that show the job
know the stage by its name; a worker's alarm rings on a queued one."""

from echo_core.events.job_event import JobEvent
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.publication import Publication
from echo_core.models.publication_status import PublicationStatus

PUBLISH_STAGE = "publish"


def publication_event(publication: Publication) -> JobEvent:
    return JobEvent(
        job_id=publication.job_id,
        video_id=publication.video_id,
        owner_id=publication.owner_id,
        # Only a completed job's video is published.
        status=ProcessingStatus.COMPLETED.value,
        stage=PUBLISH_STAGE,
        stage_status=publication.status.value,
        progress=publication.progress,
        detail=publication.error_message,
    )


def announces_queued_publication(event: JobEvent) -> bool:
    return event.stage == PUBLISH_STAGE and event.stage_status == PublicationStatus.PENDING.value
