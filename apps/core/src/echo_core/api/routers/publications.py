"""Publishing a finished video to the owner's connected YouTube channel."""

from fastapi import APIRouter

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import PrincipalDep, PublicationServiceDep
from echo_core.api.publication_presenter import publication_schema
from echo_core.api.schemas.common import error_responses
from echo_core.api.schemas.publications import (
    CategorySchema,
    PublicationSchema,
    PublishRequestSchema,
)
from echo_core.services.publication_service import PublishRequest
from echo_core.youtube.categories import CATEGORIES

router = APIRouter(tags=["publications"], route_class=CheckedRoute)


@router.post(
    "/videos/{video_id}/publish",
    name="publications-publish",
    status_code=202,
    response_model=PublicationSchema,
    responses=error_responses(401, 403, 404, 409, 413),
)
async def publish(
    video_id: str,
    body: PublishRequestSchema,
    principal: PrincipalDep,
    publications: PublicationServiceDep,
) -> PublicationSchema:
    """Queue the upload to YouTube with the approved title, description, tags, captions
    and thumbnail. 409 without a connected channel, before processing has finished, or
    while this video is being published already."""
    request = PublishRequest(
        privacy_status=body.privacy_status,
        publish_at=body.publish_at,
        category_id=body.category_id,
        made_for_kids=body.made_for_kids,
    )
    publication = await publications.publish(principal.user_id, video_id, request)
    return publication_schema(publication)


@router.get(
    "/videos/{video_id}/publication",
    name="publications-get",
    response_model=PublicationSchema,
    responses=error_responses(401, 404),
)
async def get_publication(
    video_id: str, principal: PrincipalDep, publications: PublicationServiceDep
) -> PublicationSchema:
    """The video's latest publication; 404 when it was never published."""
    return publication_schema(await publications.latest(principal.user_id, video_id))


@router.get(
    "/youtube/categories",
    name="publications-categories",
    response_model=list[CategorySchema],
    responses=error_responses(401),
)
async def categories(_principal: PrincipalDep) -> list[CategorySchema]:
    """The categories a published video may be put in."""
    return [CategorySchema(id=category.id, title=category.title) for category in CATEGORIES]
