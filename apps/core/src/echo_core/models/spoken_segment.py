from collections.abc import Mapping
from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base

# Besides this table, the index has one part per database, made by migration 0010 and
# read by operations/spoken_segment_repository.py: on SQLite an FTS5 table over `words`
# kept in step by triggers, on PostgreSQL a generated tsvector column with a GIN index.
SQLITE_FULL_TEXT_TABLE = "spoken_segments_fts"
POSTGRES_VECTOR_COLUMN = "search_vector"
POSTGRES_VECTOR_INDEX = "ix_spoken_segments_search_vector"


class SpokenSegment(Base):
    """One segment of a video's current transcript, as the spoken-word search finds it."""

    __tablename__ = "spoken_segments"

    # An integer key: FTS5 refers to the rows it indexes by their rowid.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    start_seconds: Mapped[float] = mapped_column(Float)
    end_seconds: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    # The words of `text` as spoken_words.indexed_words gives them: what both indexes read.
    words: Mapped[str] = mapped_column(Text)


def include_in_schema_comparison(
    name: str | None, type_: str, parent_names: Mapping[Any, str | None]
) -> bool:
    """Alembic's `include_name` hook: the comparison of models and schema (autogenerate, and
    the test that they agree) passes over the index's parts that only one database has."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SQLITE_FULL_TEXT_TABLE)
    in_this_table = parent_names.get("table_name") == SpokenSegment.__tablename__
    return not (in_this_table and name in (POSTGRES_VECTOR_COLUMN, POSTGRES_VECTOR_INDEX))
