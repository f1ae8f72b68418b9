"""The spoken-word search index: one row per transcript segment of each video, searched with
SQLite's FTS5 or PostgreSQL's full-text search, whichever the database is."""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    column,
    delete,
    func,
    insert,
    literal_column,
    select,
    table,
)
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.spoken_segment import (
    POSTGRES_VECTOR_COLUMN,
    SQLITE_FULL_TEXT_TABLE,
    SpokenSegment,
)
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.spoken_words import SpokenQuery, indexed_segments


@dataclass(frozen=True)
class SpokenSegmentFound:
    video_id: str
    title: str
    start_seconds: float
    end_seconds: float
    text: str


# The title a search result shows: the newest a job of the video has (a reprocess still
# drafting one keeps the last), else the file's name.
_TITLE = func.coalesce(
    select(VideoMetadata.title)
    .join(VideoJob, VideoJob.id == VideoMetadata.job_id)
    .where(VideoJob.video_id == Video.id, VideoMetadata.title.is_not(None))
    .order_by(VideoJob.created_at.desc(), VideoJob.id.desc())
    .limit(1)
    .correlate(Video)
    .scalar_subquery(),
    Video.original_filename,
)


def _quoted(word: str, quote: str) -> str:
    # Words hold only letters, digits and marks (spoken_words), never a quote; quoting
    # keeps every word a plain word to the search syntax all the same.
    return f"{quote}{word}{quote}"


def _fts5_query(query: SpokenQuery) -> str:
    """`"every" "word" "last"*`: all words (FTS5's implicit AND), the last one as a prefix."""
    words = [_quoted(word, '"') for word in query.whole_words]
    return " ".join([*words, _quoted(query.last_word, '"') + "*"])


def _tsquery(query: SpokenQuery) -> str:
    """`'every' & 'word' & 'last':*` for to_tsquery."""
    words = [_quoted(word, "'") for word in query.whole_words]
    return " & ".join([*words, _quoted(query.last_word, "'") + ":*"])


class SpokenSegmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def replace_transcript(
        self, video_id: str, transcript: Sequence[Mapping[str, Any]]
    ) -> None:
        """Make `transcript` (stored segments: `{start, end, text, ...}`) the one the
        video's spoken words are found in."""
        await self._session.execute(delete(SpokenSegment).where(SpokenSegment.video_id == video_id))
        rows = [
            {"video_id": video_id, **asdict(segment)} for segment in indexed_segments(transcript)
        ]
        if rows:
            await self._session.execute(insert(SpokenSegment), rows)

    async def replace_transcript_of_job(
        self, job_id: str, transcript: Sequence[Mapping[str, Any]]
    ) -> None:
        video_id = await self._session.scalar(
            select(VideoJob.video_id).where(VideoJob.id == job_id)
        )
        if video_id is not None:
            await self.replace_transcript(video_id, transcript)

    async def search(
        self, owner_id: str, query: SpokenQuery, limit: int, offset: int
    ) -> tuple[list[SpokenSegmentFound], int]:
        """The owner's segments that speak every word of `query`, best first, and how many
        there are in all."""
        if query.is_empty:
            return [], 0
        matching, rank = self._matching(query)
        owned = Video.uploader_user_id == owner_id
        page = (
            matching.add_columns(
                SpokenSegment.video_id,
                _TITLE,
                SpokenSegment.start_seconds,
                SpokenSegment.end_seconds,
                SpokenSegment.text,
            )
            .where(owned)
            .order_by(rank, Video.created_at.desc(), Video.id, SpokenSegment.position)
            .limit(limit)
            .offset(offset)
        )
        rows = (await self._session.execute(page)).all()
        total_statement = select(func.count()).select_from(
            matching.add_columns(SpokenSegment.id).where(owned).subquery()
        )
        total = (await self._session.execute(total_statement)).scalar_one()
        return [SpokenSegmentFound(*row) for row in rows], total

    def _matching(self, query: SpokenQuery) -> tuple[Select[Any], ColumnElement[Any]]:
        """The segments (joined to their videos) that match, and the order of the best first."""
        segments = (
            select().select_from(SpokenSegment).join(Video, Video.id == SpokenSegment.video_id)
        )
        if self._session.get_bind().dialect.name == "postgresql":
            vector: ColumnElement[Any] = literal_column(
                f"{SpokenSegment.__tablename__}.{POSTGRES_VECTOR_COLUMN}"
            )
            tsquery = func.to_tsquery("simple", _tsquery(query))
            return (
                segments.where(vector.op("@@")(tsquery)),
                # Normalisation 1 divides by the log of the length, as bm25 favours short segments.
                func.ts_rank(vector, tsquery, 1).desc(),
            )
        index = table(SQLITE_FULL_TEXT_TABLE, column("rowid"))
        # FTS5 names the table itself on the left of MATCH and as bm25's argument.
        whole_index: ColumnElement[Any] = literal_column(SQLITE_FULL_TEXT_TABLE)
        return (
            segments.join(index, index.c.rowid == SpokenSegment.id).where(
                whole_index.op("MATCH")(_fts5_query(query))
            ),
            # bm25 is lower for better matches.
            func.bm25(whole_index).asc(),
        )
