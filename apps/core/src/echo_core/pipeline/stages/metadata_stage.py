from pathlib import PurePath
from typing import Any

from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.stages.transcript_input import saved_duration, saved_transcript
from echo_core.pipeline.text.engine import (
    ChapterDraft,
    TextEngineSetupError,
    TextGenerationError,
    TextRequest,
)
from echo_core.pipeline.text.fitting import (
    compose_description,
    fit_show_notes,
    fit_tags,
    fit_title,
)
from echo_core.pipeline.text.select import build_text_engine
from echo_core.pipeline.transcript import Transcript


async def run_metadata(context: StageContext) -> StageResult:
    transcript = saved_transcript(context.metadata)
    duration = saved_duration(context.metadata)
    drafts = _chapter_drafts(context.metadata.get("chapters") or [], transcript, duration)
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
    chapters: list[dict[str, Any]] = [
        {"start_seconds": draft.start_seconds, "title": title}
        for draft, title in zip(drafts, chapter_titles, strict=True)
    ]
    detail = f"{generated.engine}: {len(titles)} titles"
    if generated.fallback_reason:
        detail += f" (fell back: {generated.fallback_reason})"
    return StageResult(
        detail=detail,
        metadata_updates={
            "title_suggestions": titles,
            "title": titles[0] if titles else None,
            "description": compose_description(
                result.description,
                [(chapter["start_seconds"], chapter["title"]) for chapter in chapters],
            ),
            "tags": fit_tags(list(result.tags)),
            "show_notes_text": fit_show_notes(result.show_notes),
            "chapters": chapters,
        },
        engines={"text": generated.engine},
    )


def _chapter_drafts(
    chapters: list[dict[str, Any]], transcript: Transcript, duration: float
) -> list[ChapterDraft]:
    if not chapters:
        return []
    starts = [float(chapter["start_seconds"]) for chapter in chapters]
    ends = [*starts[1:], duration]
    words = transcript.words
    return [
        ChapterDraft(
            start_seconds=start,
            end_seconds=end,
            text=" ".join(word.word for word in words if start <= word.start < end),
            title=str(chapter["title"]),
        )
        for chapter, start, end in zip(chapters, starts, ends, strict=True)
    ]


def _distinct(titles: Any) -> list[str]:
    seen: set[str] = set()
    kept = []
    for title in titles:
        if title and title.casefold() not in seen:
            seen.add(title.casefold())
            kept.append(title)
    return kept
