"""The transcript's editor: read it, save an edit, restore the recognizer's."""

from fastapi import APIRouter

from echo_core.api import presenters
from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import PrincipalDep, TranscriptServiceDep
from echo_core.api.schemas.common import error_responses
from echo_core.api.schemas.transcript import (
    TranscriptEditSchema,
    TranscriptResponseSchema,
    TranscriptRestoreSchema,
)
from echo_core.services.transcript_service import SegmentEdit

router = APIRouter(
    prefix="/videos/{video_id}/transcript", tags=["videos"], route_class=CheckedRoute
)


@router.get(
    "",
    name="videos-get-transcript",
    response_model=TranscriptResponseSchema,
    responses=error_responses(401, 404),
)
async def get_transcript(
    video_id: str, principal: PrincipalDep, transcripts: TranscriptServiceDep
) -> TranscriptResponseSchema:
    metadata = await transcripts.get(principal.user_id, video_id)
    return presenters.transcript_response(metadata)


@router.put(
    "",
    name="videos-edit-transcript",
    response_model=TranscriptResponseSchema,
    responses=error_responses(401, 403, 404, 409, 413, 422),
)
async def edit_transcript(
    video_id: str,
    body: TranscriptEditSchema,
    principal: PrincipalDep,
    transcripts: TranscriptServiceDep,
) -> TranscriptResponseSchema:
    """Save the whole transcript as edited: lines in order, not overlapping, inside the
    video. Unchanged words keep their timings; the subtitles, transcript.txt, export.json
    and the show notes follow at once. 409 while the video's job is queued or running, or
    with a stale `version` (the current one is in the details)."""
    edits = [SegmentEdit(item.id, item.start, item.end, item.text) for item in body.segments]
    metadata = await transcripts.edit(principal.user_id, video_id, body.version, edits)
    return presenters.transcript_response(metadata)


@router.post(
    "/restore",
    name="videos-restore-transcript",
    response_model=TranscriptResponseSchema,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def restore_transcript(
    video_id: str,
    body: TranscriptRestoreSchema,
    principal: PrincipalDep,
    transcripts: TranscriptServiceDep,
) -> TranscriptResponseSchema:
    """Put the recognizer's transcript back in place of the edited one (404 when it was
    never edited)."""
    metadata = await transcripts.restore_original(principal.user_id, video_id, body.version)
    return presenters.transcript_response(metadata)
