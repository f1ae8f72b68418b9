"""Find the words spoken in a creator's videos."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.operations.spoken_segment_repository import SpokenSegmentRepository
from echo_core.services.spoken_snippet import SnippetPart, snippet
from echo_core.spoken_words import SpokenQuery


@dataclass(frozen=True)
class SpokenMatch:
    video_id: str
    title: str
    start_seconds: float
    end_seconds: float
    snippet: list[SnippetPart]


class SpokenSearchService:
    def __init__(self, session: AsyncSession) -> None:
        self._segments = SpokenSegmentRepository(session)

    async def search(
        self, owner_id: str, text: str, limit: int, offset: int
    ) -> tuple[list[SpokenMatch], int]:
        """One match per segment of the owner's videos that speaks every word of `text`
        (the last may be the start of a word), best first. Text with no word in it (only
        punctuation, say) finds nothing."""
        query = SpokenQuery(text)
        found, total = await self._segments.search(owner_id, query, limit, offset)
        matches = [
            SpokenMatch(
                video_id=segment.video_id,
                title=segment.title,
                start_seconds=segment.start_seconds,
                end_seconds=segment.end_seconds,
                snippet=snippet(segment.text, query),
            )
            for segment in found
        ]
        return matches, total
