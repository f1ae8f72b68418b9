"""The offline text engine: titles, description, tags and show notes from the transcript alone.

No model, no network: key phrases say what the video is about, an extractive summary says
what was said, and the chapters (already found by the chapters stage) give the outline.
Everything is built from what was heard with confidence (see `hearing`). It always answers,
so it is also the fallback when an LLM engine fails. Its phrasing is English: a video in
another language gets the sentences as spoken instead (verbatim_text.py).
"""

import asyncio
import math
from collections.abc import Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.engine import ChapterDraft, TextRequest, TextResult
from echo_core.pipeline.text.fitting import fit_tags
from echo_core.pipeline.text.hearing import Hearing, hearing_of
from echo_core.pipeline.text.keyphrases import Keyphrase, keyphrases
from echo_core.pipeline.text.summary import Unit, speech_units, summarize, units_between
from echo_core.pipeline.text.timed_words import spoken_words
from echo_core.pipeline.text.title_suggestions import UNTITLED, suggest_titles, video_name
from echo_core.pipeline.text.topic_titles import titles_from_phrases, topic_phrases
from echo_core.pipeline.text.verbatim_text import phrases_in, verbatim_text
from echo_core.pipeline.text.wording import as_sentence, join_phrases, title_case

_TAG_PHRASES = 20
_UNITS_PER_SUMMARY_SENTENCE = 12
_FEWEST_SUMMARY_SENTENCES = 2
_MOST_SUMMARY_SENTENCES = 5
_KEY_TOPICS = 5
_TITLE_SENTENCES = 5
_MOST_TITLE_SENTENCE_WORDS = 12
NO_SPEECH = "There is no speech in this video."


class LocalTextEngine:
    @property
    def name(self) -> str:
        return "local"

    async def generate(self, request: TextRequest) -> TextResult:
        # Pure computation, but it can take a moment on hours of speech: keep the loop free.
        return await asyncio.to_thread(write_text, request)


@dataclass(frozen=True)
class _Outline:
    """What the text is written from."""

    name: str
    subjects: list[str]  # what the talk is about, best first: chapter topics, then key phrases
    title_phrases: list[list[str]]  # the phrases of each chapter, or of the whole talk
    short_sentences: list[str]  # sentences short enough for a title, the most telling first
    summary: list[str]  # sentences, in spoken order
    chapter_titles: list[str]
    chapter_topics: list[str]  # the leading phrase of each chapter that has one


def write_text(request: TextRequest) -> TextResult:
    # A duration of 0 means the probe found none; the transcript then bounds itself.
    duration = request.duration_seconds if request.duration_seconds > 0 else math.inf
    words = spoken_words(request.transcript, duration)
    units = speech_units(words)
    if not phrases_in(request.transcript.language):
        return verbatim_text(request, units)
    outline = _outline(request, units, hearing_of(words, request.transcript.language))
    return TextResult(
        titles=tuple(suggest_titles(outline.title_phrases, outline.short_sentences, outline.name)),
        description=_description(outline),
        tags=tuple(fit_tags(tag.lower() for tag in _tag_phrases(outline))),
        show_notes=_show_notes(outline, request.chapters, units),
        chapter_titles=tuple(outline.chapter_titles),
    )


def _outline(request: TextRequest, units: Sequence[Unit], hearing: Hearing) -> _Outline:
    chapter_phrases = topic_phrases(
        [[unit.words for unit in _units_in(chapter, units)] for chapter in request.chapters],
        hearing,
    )
    chapter_topics = _distinct([phrases[0].text for phrases in chapter_phrases if phrases])
    # Judged on frequency alone: what the whole talk keeps coming back to is its subject.
    talk_phrases = keyphrases([unit.words for unit in units], hearing, limit=_TAG_PHRASES)
    count = len(units) // _UNITS_PER_SUMMARY_SENTENCE
    count = min(max(count, _FEWEST_SUMMARY_SENTENCES), _MOST_SUMMARY_SENTENCES)
    return _Outline(
        name=video_name(request.filename),
        subjects=_distinct(
            [
                *chapter_topics,
                *(phrase.text for phrase in talk_phrases),
                *(phrase.text for phrases in chapter_phrases for phrase in phrases[1:]),
            ]
        ),
        title_phrases=_title_phrases(chapter_phrases, talk_phrases),
        short_sentences=[
            sentence
            for unit in summarize(
                [unit for unit in units if len(unit.words) <= _MOST_TITLE_SENTENCE_WORDS],
                _TITLE_SENTENCES,
            )
            if (sentence := as_sentence(unit.text))
        ],
        summary=[
            sentence for unit in summarize(units, count) if (sentence := as_sentence(unit.text))
        ],
        chapter_titles=titles_from_phrases(chapter_phrases),
        chapter_topics=chapter_topics,
    )


def _title_phrases(
    chapter_phrases: Sequence[list[Keyphrase]], talk_phrases: Sequence[Keyphrase]
) -> list[list[str]]:
    """Titles name the chapters' topics; a talk on one topic is named by its key phrases."""
    chapters = [[phrase.text for phrase in phrases] for phrases in chapter_phrases if phrases]
    if len(chapters) >= 2:
        return chapters
    return [[phrase.text for phrase in talk_phrases]] if talk_phrases else []


def _units_in(chapter: ChapterDraft, units: Sequence[Unit]) -> Sequence[Unit]:
    return units_between(units, chapter.start_seconds, chapter.end_seconds)


def _distinct(phrases: Sequence[str]) -> list[str]:
    kept: dict[str, str] = {}
    for phrase in phrases:
        kept.setdefault(phrase.casefold(), phrase)
    return list(kept.values())


def _tag_phrases(outline: _Outline) -> list[str]:
    """The key phrases; with nothing said, the video's own name, if it has one."""
    if outline.subjects:
        return outline.subjects
    return [outline.name] if outline.name != UNTITLED else []


def _description(outline: _Outline) -> str:
    if not outline.summary:
        return f"{outline.name}. {NO_SPEECH}"
    paragraphs = [" ".join(outline.summary)]
    topics = outline.chapter_topics or outline.subjects[:_KEY_TOPICS]
    if topics:
        paragraphs.append(f"In this video: {join_phrases(topics)}.")
    return "\n\n".join(paragraphs)


def _show_notes(outline: _Outline, chapters: Sequence[ChapterDraft], units: Sequence[Unit]) -> str:
    """A summary paragraph, then one key point per chapter (or the key topics).

    The key points carry no chapter stamps or titles: the chapter lines are generated under
    the notes from the chapter list (fitting.compose_show_notes), so they follow its edits.
    """
    summary = " ".join(outline.summary) if outline.summary else NO_SPEECH
    points = [point for chapter in chapters if (point := _key_point(chapter, units))]
    if points:
        return "\n".join(["Summary", summary, "", "Key points", *points])
    if outline.subjects:
        topics = [f"- {title_case(subject)}" for subject in outline.subjects[:_KEY_TOPICS]]
        return "\n".join(["Summary", summary, "", "Key topics", *topics])
    return "\n".join(["Summary", summary])


def _key_point(chapter: ChapterDraft, units: Sequence[Unit]) -> str | None:
    """ "- The sentence that best sums the chapter up." """
    best = summarize(_units_in(chapter, units), 1)
    sentence = as_sentence(best[0].text) if best else ""
    return f"- {sentence}" if sentence else None
