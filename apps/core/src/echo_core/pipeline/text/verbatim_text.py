"""What the offline engine writes for a video it cannot phrase: one not in English.

Its phrasing rules (stop words, title casing, "In this video: ...", "Key points") are
English; applied to German they would make titles of function words and wrap them in
English. So it writes only what it can take as spoken: sentences the speaker said, chosen
by the extractive summary (which weighs words by how often they are said, in any language).

- titles: the shortest telling sentences, as spoken (the video's name when none is short);
- description and show notes: the clearest sentences, in spoken order, with no heading;
- tags: none, since telling a topic from a function word needs the language's word lists;
- chapter titles: the opening words of each chapter's most telling sentence.

The metadata stage tells the creator why, and that an LLM writes in the video's language.
"""

from collections.abc import Iterable, Sequence

from echo_core.pipeline.asr.languages import language_name
from echo_core.pipeline.text.engine import ChapterDraft, TextRequest, TextResult
from echo_core.pipeline.text.fitting import fit_title
from echo_core.pipeline.text.summary import Unit, summarize, units_between
from echo_core.pipeline.text.title_suggestions import MAX_SUGGESTIONS, video_name

# The offline engine's phrasing rules are written for these languages; None: not known,
# as with pocketsphinx's English-only transcripts before they record a language.
PHRASED_LANGUAGES = frozenset({"en"})
_SUMMARY_SENTENCES = 5
_MOST_TITLE_WORDS = 12
_CHAPTER_TITLE_WORDS = 5


def phrases_in(language: str | None) -> bool:
    """Whether the offline engine can phrase text in `language` (an ISO 639-1 code)."""
    return language is None or language in PHRASED_LANGUAGES


def verbatim_text(request: TextRequest, units: Sequence[Unit]) -> TextResult:
    short = [unit for unit in units if len(unit.words) <= _MOST_TITLE_WORDS]
    chosen = summarize(short, MAX_SUGGESTIONS)
    titles = _distinct(fit_title(as_spoken(unit.text)) for unit in chosen)
    # A sentence said again (a refrain, a repeated intro) is written once.
    summary = " ".join(
        _distinct(as_spoken(unit.text) for unit in summarize(units, _SUMMARY_SENTENCES))
    )
    return TextResult(
        titles=tuple(titles or [video_name(request.filename)]),
        description=summary,
        tags=(),
        show_notes=summary,
        chapter_titles=tuple(_chapter_title(chapter, units) for chapter in request.chapters),
    )


def as_spoken(text: str) -> str:
    """The words as said, with a capital to start: no English rule touches them."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _chapter_title(chapter: ChapterDraft, units: Sequence[Unit]) -> str:
    best = summarize(units_between(units, chapter.start_seconds, chapter.end_seconds), 1)
    if not best:
        return chapter.title
    words = as_spoken(best[0].text).rstrip(".!?,;:").split()
    opening = " ".join(words[:_CHAPTER_TITLE_WORDS])
    return fit_title(opening + ("…" if len(words) > _CHAPTER_TITLE_WORDS else "")) or chapter.title


def _distinct(titles: Iterable[str]) -> list[str]:
    kept: dict[str, str] = {}
    for title in titles:
        if title:
            kept.setdefault(title.casefold(), title)
    return list(kept.values())


def unphrased_language_warning(language: str) -> str:
    """What the creator reads when the offline engine wrote a video in `language`."""
    name = language_name(language)
    return (
        f"The offline text engine writes English; this video is in {name}: configure an LLM "
        f"in Settings for {name} titles and descriptions. Until then the titles, description "
        "and show notes are sentences as spoken, and there are no tags."
    )
