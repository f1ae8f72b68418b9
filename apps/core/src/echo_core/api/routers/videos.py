import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from echo_core.api import presenters
from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import (
    MetadataEditServiceDep,
    PrincipalDep,
    QueueAdmissionDep,
    SettingsDep,
    StorageDep,
    VideoProcessingServiceDep,
)
from echo_core.api.media_response import direct_download_redirect, stored_object_response
from echo_core.api.schemas.common import MAX_PAGE_OFFSET, Page, error_responses
from echo_core.api.schemas.videos import (
    ChapterSchema,
    ChaptersEditSchema,
    ReprocessSchema,
    VideoDetailSchema,
    VideoMetadataResponseSchema,
    VideoMetadataUpdateSchema,
    VideoSummarySchema,
    VideoUploadResponseSchema,
)
from echo_core.api.upload_stream import LANGUAGE_FIELD, UPLOAD_FIELD, receive_upload
from echo_core.filenames import clean_filename
from echo_core.media.limits import MediaLimits
from echo_core.models.processing_status import ProcessingStatus
from echo_core.services.metadata_edit_service import MetadataChanges
from echo_core.services.spoken_language import AUTO_LANGUAGE, checked_language

router = APIRouter(prefix="/videos", tags=["videos"], route_class=CheckedRoute)

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [UPLOAD_FIELD],
                    "properties": {
                        UPLOAD_FIELD: {"type": "string", "format": "binary"},
                        LANGUAGE_FIELD: {
                            "type": "string",
                            "default": AUTO_LANGUAGE,
                            "description": "The language spoken in the video: 'auto' to "
                            "detect it, or an ISO 639-1 code ('en', 'de')",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "",
    name="videos-upload",
    status_code=status.HTTP_201_CREATED,
    response_model=VideoUploadResponseSchema,
    responses=error_responses(400, 401, 403, 408, 413, 415, 422, 429, 503, 507),
    openapi_extra=_UPLOAD_BODY,
)
async def upload_video(
    request: Request,
    principal: PrincipalDep,
    videos: VideoProcessingServiceDep,
    queue: QueueAdmissionDep,
    settings: SettingsDep,
) -> VideoUploadResponseSchema:
    """Upload a video (multipart field `file`, optional `language`); it is probed, stored and
    queued. A language no speech engine here can transcribe is refused (422)."""
    # Before the body: a full queue refuses the upload without receiving gigabytes first.
    await queue.ensure_room(principal.user_id)
    tmp_dir = settings.uploads_tmp_dir
    tmp_dir.mkdir(parents=True, exist_ok=True)
    received_path = tmp_dir / f"upload-{uuid.uuid4().hex}"
    try:
        received = await receive_upload(
            request,
            received_path,
            settings.max_upload_bytes,
            settings.upload_timeout_seconds,
        )
        language = await checked_language(settings, received.language)
        accepted = await videos.accept_upload(
            principal.user_id,
            received_path,
            clean_filename(received.filename),
            received.size_bytes,
            MediaLimits.from_settings(settings),
            queue,
            language,
        )
    finally:
        received_path.unlink(missing_ok=True)
    return VideoUploadResponseSchema(
        video_id=accepted.video.id, job_id=accepted.job_id, status=accepted.status
    )


@router.get(
    "",
    name="videos-list",
    response_model=Page[VideoSummarySchema],
    responses=error_responses(401, 422),
)
async def list_videos(
    principal: PrincipalDep,
    videos: VideoProcessingServiceDep,
    status_filter: Annotated[
        list[ProcessingStatus] | None,
        Query(alias="status", description="Only videos whose latest job is in these statuses"),
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in the filename or title")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_PAGE_OFFSET)] = 0,
) -> Page[VideoSummarySchema]:
    found, total = await videos.list(principal.user_id, status_filter or [], q, limit, offset)
    return Page[VideoSummarySchema](
        items=[presenters.video_summary(item) for item in found],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/{video_id}",
    name="videos-get",
    response_model=VideoDetailSchema,
    responses=error_responses(401, 404),
)
async def get_video(
    video_id: str, principal: PrincipalDep, videos: VideoProcessingServiceDep
) -> VideoDetailSchema:
    found = await videos.get(principal.user_id, video_id)
    return presenters.video_detail(found)


@router.patch(
    "/{video_id}/metadata",
    name="videos-update-metadata",
    response_model=VideoMetadataResponseSchema,
    responses=error_responses(401, 403, 404, 409, 413, 422),
)
async def update_metadata(
    video_id: str,
    body: VideoMetadataUpdateSchema,
    principal: PrincipalDep,
    edits: MetadataEditServiceDep,
) -> VideoMetadataResponseSchema:
    """Edit the title, description, tags, chapters or thumbnail. 409 while the video's job is
    queued or running, or with a stale `version` (the current one is in the details)."""
    changes = MetadataChanges(
        title=body.title,
        description=body.description,
        tags=body.tags,
        chapters=_chapter_pairs(body.chapters) if body.chapters is not None else None,
        thumbnail_index=body.thumbnail_index,
        version=body.version,
    )
    metadata = await edits.update_metadata(principal.user_id, video_id, changes)
    return presenters.metadata_response(metadata, video_id)


@router.put(
    "/{video_id}/chapters",
    name="videos-replace-chapters",
    response_model=VideoMetadataResponseSchema,
    responses=error_responses(401, 403, 404, 409, 413, 422),
)
async def replace_chapters(
    video_id: str,
    body: ChaptersEditSchema,
    principal: PrincipalDep,
    edits: MetadataEditServiceDep,
) -> VideoMetadataResponseSchema:
    """Replace the chapter list (YouTube's rules: the first at 0:00, at least three, each at
    least 10 s, in order, inside the video); the description's chapter lines follow."""
    metadata = await edits.replace_chapters(
        principal.user_id, video_id, _chapter_pairs(body.chapters), body.version
    )
    return presenters.metadata_response(metadata, video_id)


def _chapter_pairs(chapters: list[ChapterSchema]) -> list[tuple[float, str]]:
    return [(chapter.start_seconds, chapter.title) for chapter in chapters]


@router.delete(
    "/{video_id}",
    name="videos-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def delete_video(
    video_id: str, principal: PrincipalDep, videos: VideoProcessingServiceDep
) -> Response:
    await videos.delete(principal.user_id, video_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{video_id}/reprocess",
    name="videos-reprocess",
    status_code=status.HTTP_201_CREATED,
    response_model=VideoUploadResponseSchema,
    responses=error_responses(401, 403, 404, 409, 422, 429),
)
async def reprocess_video(
    video_id: str,
    principal: PrincipalDep,
    videos: VideoProcessingServiceDep,
    queue: QueueAdmissionDep,
    body: ReprocessSchema | None = None,
) -> VideoUploadResponseSchema:
    """Queue a new job, unless one is already queued or running for this video (409). The
    fields the creator edited are kept unless `keep_edits` is false."""
    keep_edits = body.keep_edits if body is not None else True
    accepted = await videos.reprocess(principal.user_id, video_id, queue, keep_edits)
    return VideoUploadResponseSchema(
        video_id=accepted.video.id, job_id=accepted.job_id, status=accepted.status
    )


@router.get(
    "/{video_id}/original",
    name="videos-original",
    response_class=Response,
    responses={
        200: {"content": {"video/*": {}}, "description": "The uploaded file"},
        206: {"content": {"video/*": {}}, "description": "Part of the uploaded file"},
        **error_responses(401, 404, 416, 503),
    },
)
async def download_original(
    video_id: str,
    request: Request,
    principal: PrincipalDep,
    videos: VideoProcessingServiceDep,
    storage: StorageDep,
) -> Response:
    found = await videos.get(principal.user_id, video_id)
    video = found.video
    redirect = await direct_download_redirect(
        storage, video.storage_path, video.content_type, video.original_filename
    )
    if redirect is not None:
        return redirect
    return await stored_object_response(
        request, storage, video.storage_path, video.content_type, video.original_filename
    )
