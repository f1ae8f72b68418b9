"""A creator's edits of a video's texts: title, description, tags, chapters, thumbnail.

Every edit is refused while the video's job is queued or running (the job would overwrite
it), and when made from a stale `version`. The fields an edit changes are recorded, so a
reprocess keeps them (services/video_processing_service.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import youtube_rules
from echo_core.errors import InvalidInputError, StaleVersionError
from echo_core.models.edited_field import EditedField
from echo_core.models.video_metadata import VideoMetadata
from echo_core.operations.video_metadata_repository import VideoMetadataRepository
from echo_core.operations.video_repository import VideoRepository
from echo_core.pipeline.shown_texts import chapter_pairs
from echo_core.pipeline.text.chapter_lines import ChapterLineError, take_chapter_lines
from echo_core.pipeline.text.fitting import chapter_listing
from echo_core.services.editable_video import editable_metadata

Chapters = list[tuple[float, str]]
BOTH_CHAPTER_SOURCES = (
    "The description has chapter lines and the chapters were given too: send the chapters "
    "in one place."
)


@dataclass(frozen=True)
class MetadataChanges:
    title: str | None = None
    description: str | None = None
    tags: list[str] | None = None
    chapters: Chapters | None = None
    thumbnail_index: int | None = None
    # The version the edit was made from; None takes whatever is current (scripts).
    version: int | None = None


class MetadataEditService:
    def __init__(self, session: AsyncSession) -> None:
        self._videos = VideoRepository(session)
        self._metadata = VideoMetadataRepository(session)

    async def update_metadata(
        self, owner_id: str, video_id: str, changes: MetadataChanges
    ) -> VideoMetadata:
        """Save the given fields. Chapter lines typed into the description become the
        chapters (one source: the description is stored without them)."""
        metadata = (await editable_metadata(self._videos, owner_id, video_id)).metadata
        chapters = changes.chapters
        body = changes.description
        if body is not None:
            body, typed = _typed_chapters(body)
            if typed and chapters is not None and typed != chapters:
                raise InvalidInputError(BOTH_CHAPTER_SOURCES, "description")
            chapters = typed or chapters
        if chapters is not None:
            _check_chapters(chapters, metadata, "description" if body is not None else "chapters")
        _check_description_size(
            metadata.description if body is None else body,
            chapter_pairs(metadata) if chapters is None else chapters,
        )
        await self._next_version(metadata, changes.version)
        if changes.title is not None:
            _set(metadata, EditedField.TITLE, "title", changes.title)
        if body is not None:
            _set(metadata, EditedField.DESCRIPTION, "description", body)
        if changes.tags is not None:
            _set(metadata, EditedField.TAGS, "tags", changes.tags)
        if chapters is not None:
            _set_chapters(metadata, chapters)
        if changes.thumbnail_index is not None:
            index = _candidate_index(metadata, changes.thumbnail_index)
            _set(metadata, EditedField.THUMBNAIL, "thumbnail_index", index)
        return await self._metadata.save(metadata)

    async def replace_chapters(
        self, owner_id: str, video_id: str, chapters: Chapters, version: int
    ) -> VideoMetadata:
        """The whole chapter list, as the chapter editor has it; an empty list removes them."""
        metadata = (await editable_metadata(self._videos, owner_id, video_id)).metadata
        _check_chapters(chapters, metadata, "chapters")
        _check_description_size(metadata.description, chapters)
        await self._next_version(metadata, version)
        _set_chapters(metadata, chapters)
        return await self._metadata.save(metadata)

    async def _next_version(self, metadata: VideoMetadata, expected: int | None) -> None:
        if await self._metadata.next_version(metadata, "version", expected) is None:
            current = await self._metadata.current_version(metadata, "version")
            raise StaleVersionError("video's details", current)


def _typed_chapters(description: str) -> tuple[str, Chapters]:
    try:
        typed = take_chapter_lines(description)
    except ChapterLineError as error:
        raise InvalidInputError(str(error), "description") from error
    return typed.body, typed.chapters


def _check_chapters(chapters: Chapters, metadata: VideoMetadata, field: str) -> None:
    for number, (_, title) in enumerate(chapters, start=1):
        problem = youtube_rules.chapter_title_problem(title)
        if problem:
            raise InvalidInputError(f"Chapter {number}: {problem}", field)
    problem = youtube_rules.chapters_problem(
        [start for start, _ in chapters], metadata.extracted_video_duration_seconds
    )
    if problem:
        where = "The description's chapter lines" if field == "description" else "The chapters"
        raise InvalidInputError(f"{where} cannot be YouTube chapters. {problem}", field)


def _check_description_size(body: str | None, chapters: Sequence[tuple[float, str]]) -> None:
    """The body and its chapter lines together must fit YouTube's description."""
    listing = chapter_listing(chapters)
    size = len((body or "").encode()) + (len(listing.encode()) + 2 if listing else 0)
    if size > youtube_rules.MAX_DESCRIPTION_BYTES:
        raise InvalidInputError(
            f"With its chapter lines the description would be {size} bytes; YouTube takes "
            f"at most {youtube_rules.MAX_DESCRIPTION_BYTES}. Shorten the description or the "
            "chapter titles.",
            "description",
        )


def _set(metadata: VideoMetadata, edited: EditedField, column: str, value: object) -> None:
    """Set a field; only a change counts as the creator's edit (saving the draft as it is
    does not)."""
    if getattr(metadata, column) != value:
        setattr(metadata, column, value)
        metadata.mark_edited(edited)


def _set_chapters(metadata: VideoMetadata, chapters: Chapters) -> None:
    stored = [{"start_seconds": start, "title": title} for start, title in chapters]
    _set(metadata, EditedField.CHAPTERS, "chapters", stored)


def _candidate_index(metadata: VideoMetadata, index: int) -> int:
    if any(candidate.get("index") == index for candidate in metadata.thumbnail_candidates or []):
        return index
    raise InvalidInputError(f"There is no thumbnail candidate {index}.", "thumbnail_index")
