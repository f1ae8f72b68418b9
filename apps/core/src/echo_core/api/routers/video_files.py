"""Downloads of what the pipeline produced: subtitles, transcript, thumbnails, exports."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from echo_core.api import presenters
from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import PrincipalDep, StorageDep, VideoFilesServiceDep
from echo_core.api.media_response import content_disposition, stored_object_response
from echo_core.api.schemas.common import error_responses
from echo_core.api.schemas.videos import VideoDetailSchema

router = APIRouter(prefix="/videos/{video_id}", tags=["videos"], route_class=CheckedRoute)


def _file_responses(media_type: str) -> dict[int | str, dict[str, object]]:
    return {
        200: {"content": {media_type: {}}, "description": "The file"},
        **error_responses(401, 404),
    }


def _ranged_file_responses(media_type: str) -> dict[int | str, dict[str, object]]:
    """For files served by stored_object_response, which honours Range headers."""
    return {
        **_file_responses(media_type),
        206: {"content": {media_type: {}}, "description": "Part of the file"},
        **error_responses(416),
    }


def _add_subtitles_route(extension: str, media_type: str, inline: bool) -> None:
    """GET /subtitles.<extension>: the same stored download for every subtitle format."""

    async def subtitles(
        video_id: str,
        request: Request,
        principal: PrincipalDep,
        files: VideoFilesServiceDep,
        storage: StorageDep,
    ) -> Response:
        stored = await files.subtitles(principal.user_id, video_id, extension)
        return await stored_object_response(
            request, storage, stored.key, f"{media_type}; charset=utf-8", stored.filename, inline
        )

    router.add_api_route(
        f"/subtitles.{extension}",
        subtitles,
        methods=["GET"],
        name=f"videos-subtitles-{extension}",
        response_class=Response,
        responses=_ranged_file_responses(media_type),
    )


_add_subtitles_route("srt", "application/x-subrip", inline=False)
# Inline: the player's <track> loads it; the download link adds `download` itself.
_add_subtitles_route("vtt", "text/vtt", inline=True)


@router.get(
    "/thumbnails/{index}.jpg",
    name="videos-thumbnail",
    response_class=Response,
    responses=_ranged_file_responses("image/jpeg"),
)
async def thumbnail(
    video_id: str,
    index: Annotated[int, Path(ge=0)],
    request: Request,
    principal: PrincipalDep,
    files: VideoFilesServiceDep,
    storage: StorageDep,
) -> Response:
    stored = await files.thumbnail(principal.user_id, video_id, index)
    return await stored_object_response(request, storage, stored.key, "image/jpeg", stored.filename)


@router.get(
    "/transcript.txt",
    name="videos-transcript",
    response_class=Response,
    responses=_file_responses("text/plain"),
)
async def transcript(
    video_id: str, principal: PrincipalDep, files: VideoFilesServiceDep
) -> Response:
    transcript_file = await files.transcript_text(principal.user_id, video_id)
    return _attachment(transcript_file.text, "text/plain", transcript_file.filename)


@router.get(
    "/youtube.txt",
    name="videos-youtube-text",
    response_class=Response,
    responses=_file_responses("text/plain"),
)
async def youtube(video_id: str, principal: PrincipalDep, files: VideoFilesServiceDep) -> Response:
    """Title, description (with chapters) and tags, ready to paste into YouTube Studio."""
    youtube_file = await files.youtube_text(principal.user_id, video_id)
    return _attachment(youtube_file.text, "text/plain", youtube_file.filename)


@router.get(
    "/export.json",
    name="videos-export",
    response_model=VideoDetailSchema,
    responses=error_responses(401, 404),
)
async def export(video_id: str, principal: PrincipalDep, files: VideoFilesServiceDep) -> Response:
    """Everything Echo knows about the video, as one JSON document."""
    found = await files.latest(principal.user_id, video_id)
    body = presenters.video_detail(found).model_dump_json(indent=2)
    return _attachment(body, "application/json", files.export_filename(found))


def _attachment(text: str, media_type: str, filename: str) -> Response:
    return Response(
        content=text.encode("utf-8"),
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": content_disposition(filename, inline=False)},
    )
