from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from echo_core.models.edited_field import EditedField
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.stages.saved_chapter import SavedChapter
from echo_core.pipeline.stages.transcript_input import (
    saved_chapters,
    saved_duration,
    saved_transcript,
)
from echo_core.pipeline.text.engine import (
    ChapterDraft,
    TextEngineSetupError,
    TextGenerationError,
    TextRequest,
)
from echo_core.pipeline.text.fitting import (
    fit_description_body,
    fit_show_notes,
    fit_tags,
    fit_title,
)
from echo_core.pipeline.text.local_engine import LocalTextEngine
from echo_core.pipeline.text.select import build_text_engine
from echo_core.pipeline.text.verbatim_text import phrases_in, unphrased_language_warning
from echo_core.pipeline.transcript import Transcript


@dataclass(frozen=True)
class TextsOutput:
    title_suggestions: tuple[str, ...]  # best first; the first is the title
    description: str  # the body: its chapter lines are generated from the chapters
    tags: tuple[str, ...]
    show_notes: str
    chapters: tuple[SavedChapter, ...]  # retitled

    def save_to(self, metadata: VideoMetadata) -> None:
        """The drafts; a field the creator edited keeps the edit (the new title suggestions
        are still offered beside an edited title)."""
        metadata.title_suggestions = list(self.title_suggestions)
        if not metadata.is_edited(EditedField.TITLE):
            metadata.title = self.title_suggestions[0] if self.title_suggestions else None
        if not metadata.is_edited(EditedField.DESCRIPTION):
            metadata.description = self.description
        if not metadata.is_edited(EditedField.TAGS):
            metadata.tags = list(self.tags)
        metadata.show_notes_text = self.show_notes
        if not metadata.is_edited(EditedField.CHAPTERS):
            metadata.chapters = [chapter.to_json() for chapter in self.chapters]


async def run_metadata(context: StageContext) -> StageResult:
    transcript = saved_transcript(context.metadata)
    duration = saved_duration(context.metadata)
    drafts = _chapter_drafts(saved_chapters(context.metadata), transcript, duration)
    request = TextRequest(
        transcript=transcript,
        chapters=tuple(drafts),
        duration_seconds=duration,
        filename=PurePath(context.filename).stem,
    )
    try:
        engine = await build_text_engine(context.settings)
        generated = await engine.generate_with_provenance(request)
    except TextEngineSetupError as error:
        # Retrying cannot help until someone changes the setting the message names.
        raise StageFailedError(str(error), permanent=True) from error
    except TextGenerationError as error:
        raise StageFailedError(str(error)) from error
    result = generated.result
    context.progress(0.8, generated.engine)

    titles = _distinct(fit_title(title) for title in result.titles)
    chapter_titles = [
        fit_title(title) if title.strip() else draft.title
        for title, draft in zip(result.chapter_titles, drafts, strict=False)
    ]
    chapter_titles += [draft.title for draft in drafts[len(chapter_titles) :]]
    chapters = tuple(
        SavedChapter(start_seconds=draft.start_seconds, title=title)
        for draft, title in zip(drafts, chapter_titles, strict=True)
    )
    detail = f"{generated.engine}: {len(titles)} titles"
    if generated.fallback_reason:
        detail += f" (fell back: {generated.fallback_reason})"
    warnings = _language_warnings(generated.engine, transcript.language)
    if warnings:
        detail += f"; {warnings[0]}"
    return StageResult(
        detail=detail,
        output=TextsOutput(
            title_suggestions=tuple(titles),
            description=fit_description_body(
                result.description,
                [(chapter.start_seconds, chapter.title) for chapter in chapters],
            ),
            tags=tuple(fit_tags(list(result.tags))),
            show_notes=fit_show_notes(result.show_notes),
            chapters=chapters,
        ),
        engines={"text": generated.engine},
        warnings=warnings,
    )


def _language_warnings(engine: str, language: str | None) -> list[str]:
    """The offline engine's text is weaker in a language it cannot phrase: say so."""
    if engine != LocalTextEngine().name or language is None or phrases_in(language):
        return []
    return [unphrased_language_warning(language)]


def _chapter_drafts(
    chapters: list[SavedChapter], transcript: Transcript, duration: float
) -> list[ChapterDraft]:
    if not chapters:
        return []
    starts = [chapter.start_seconds for chapter in chapters]
    ends = [*starts[1:], duration]
    words = transcript.words
    return [
        ChapterDraft(
            start_seconds=start,
            end_seconds=end,
            text=" ".join(word.word for word in words if start <= word.start < end),
            title=chapter.title,
        )
        for chapter, start, end in zip(chapters, starts, ends, strict=True)
    ]


def _distinct(titles: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for title in titles:
        if title and title.casefold() not in seen:
            seen.add(title.casefold())
            kept.append(title)
    return kept
