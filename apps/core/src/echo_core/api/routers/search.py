from typing import Annotated

from fastapi import APIRouter, Query

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import PrincipalDep, SpokenSearchServiceDep
from echo_core.api.schemas.common import MAX_PAGE_OFFSET, Page, error_responses
from echo_core.api.schemas.search import (
    MAX_SEARCH_LENGTH,
    MAX_SEARCH_PAGE,
    SnippetPartSchema,
    SpokenMatchSchema,
)

router = APIRouter(prefix="/search", tags=["search"], route_class=CheckedRoute)


@router.get(
    "",
    name="search-spoken",
    response_model=Page[SpokenMatchSchema],
    responses=error_responses(401, 422),
)
async def search_spoken_words(
    principal: PrincipalDep,
    search: SpokenSearchServiceDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_SEARCH_LENGTH,
            description="Words spoken in the video; the last may be the start of a word. "
            "Only letters and digits count: quotes, operators and punctuation are ignored.",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_PAGE_OFFSET)] = 0,
) -> Page[SpokenMatchSchema]:
    """The transcript segments of your videos that speak every word of `q`, best first: one
    item per segment, with where it is spoken and its text with the matched words marked."""
    found, total = await search.search(principal.user_id, q, limit, offset)
    return Page[SpokenMatchSchema](
        items=[
            SpokenMatchSchema(
                video_id=match.video_id,
                title=match.title,
                start=match.start_seconds,
                end=match.end_seconds,
                snippet=[
                    SnippetPartSchema(text=part.text, match=part.match) for part in match.snippet
                ],
            )
            for match in found
        ],
        total=total,
        limit=limit,
        offset=offset,
    )
