from typing import Annotated

from fastapi import APIRouter, Query

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import JobServiceDep, PrincipalDep, QueueAdmissionDep
from echo_core.api.presenters import job_with_video
from echo_core.api.schemas.common import MAX_PAGE_OFFSET, Page, error_responses
from echo_core.api.schemas.videos import VideoJobWithVideoSchema
from echo_core.models.processing_status import ProcessingStatus

router = APIRouter(prefix="/video-processing-jobs", tags=["jobs"], route_class=CheckedRoute)


@router.get(
    "",
    name="jobs-list",
    response_model=Page[VideoJobWithVideoSchema],
    responses=error_responses(401, 422),
)
async def list_jobs(
    principal: PrincipalDep,
    jobs: JobServiceDep,
    status_filter: Annotated[
        list[ProcessingStatus] | None,
        Query(alias="status", description="Statuses to include (default PENDING and PROCESSING)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_PAGE_OFFSET)] = 0,
) -> Page[VideoJobWithVideoSchema]:
    found, total = await jobs.list(principal.user_id, status_filter or [], limit, offset)
    return Page[VideoJobWithVideoSchema](
        items=[job_with_video(job) for job in found],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/{job_id}",
    name="jobs-get",
    response_model=VideoJobWithVideoSchema,
    responses=error_responses(401, 404),
)
async def get_job(
    job_id: str, principal: PrincipalDep, jobs: JobServiceDep
) -> VideoJobWithVideoSchema:
    job = await jobs.get(principal.user_id, job_id)
    return job_with_video(job)


@router.post(
    "/{job_id}/cancel",
    name="jobs-cancel",
    response_model=VideoJobWithVideoSchema,
    responses=error_responses(401, 403, 404, 409),
)
async def cancel_job(
    job_id: str, principal: PrincipalDep, jobs: JobServiceDep
) -> VideoJobWithVideoSchema:
    """Stop a pending or running job; a running one stops at its next save."""
    job = await jobs.cancel(principal.user_id, job_id)
    return job_with_video(job)


@router.post(
    "/{job_id}/retry",
    name="jobs-retry",
    response_model=VideoJobWithVideoSchema,
    responses=error_responses(401, 403, 404, 409, 429),
)
async def retry_job(
    job_id: str, principal: PrincipalDep, jobs: JobServiceDep, queue: QueueAdmissionDep
) -> VideoJobWithVideoSchema:
    """Queue a failed or canceled job again; it resumes at the stage that did not finish."""
    job = await jobs.retry(principal.user_id, job_id, queue)
    return job_with_video(job)
