"""The offline text engine: titles, description, tags and show notes from a transcript alone."""

import asyncio
import re
import statistics
from dataclasses import dataclass, replace

import pytest

from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.audio import extract_audio
from echo_core.pipeline.chapters import find_chapters
from echo_core.pipeline.text.engine import ChapterDraft, TextEngine, TextRequest, TextResult
from echo_core.pipeline.text.fitting import compose_description
from echo_core.pipeline.text.local_engine import NO_SPEECH, LocalTextEngine
from echo_core.pipeline.text.stopwords import MINOR_TITLE_WORDS
from echo_core.pipeline.text.title_suggestions import MAX_SUGGESTIONS
from echo_core.pipeline.text.tokens import is_content_word, tokens
from echo_core.pipeline.text.topic_titles import MAX_TOPIC_TITLE_CHARS
from echo_core.pipeline.text.written_sentences import written_sentences
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Segment, Transcript, Word
from echo_core.youtube_rules import (
    description_problem,
    format_timestamp,
    tags_problem,
    title_problem,
)
from tests.heard_words import doubtful_words, singular, words_of
from tests.media import DEFAULT_LIMITS
from tests.speech_media import SpeechVideo, speech_video
from tests.transcripts import PASTA, Style, Talk, make_talk

ENGINE: TextEngine = LocalTextEngine()
TOPIC_WORDS = ["pasta", "telescope", "plant", "tire"]


async def generate(
    talk: Talk, filename: str = "weekend_hobbies.mp4"
) -> tuple[TextResult, list[ChapterDraft]]:
    chapters = find_chapters(talk.transcript, talk.duration)
    request = TextRequest(talk.transcript, tuple(chapters), talk.duration, filename)
    return await ENGINE.generate(request), chapters


def assert_within_rules(result: TextResult, chapter_count: int) -> None:
    assert 5 <= len(result.titles) <= MAX_SUGGESTIONS
    assert len({title.casefold() for title in result.titles}) == len(result.titles)
    for title in result.titles:
        assert title_problem(title) is None, title
        assert title == title.strip()
    assert description_problem(result.description) is None
    assert result.description.strip()
    assert tags_problem(result.tags) is None
    assert len({tag.casefold() for tag in result.tags}) == len(result.tags)
    assert "<" not in result.show_notes and ">" not in result.show_notes
    assert len(result.chapter_titles) == chapter_count
    assert len({title.casefold() for title in result.chapter_titles}) == chapter_count
    for title in result.chapter_titles:
        assert 0 < len(title) <= MAX_TOPIC_TITLE_CHARS


def is_title_case(title: str) -> bool:
    words = re.findall(r"[^\s,:()]+", title)
    return all(
        word[0].isupper()
        or word[0].isdigit()
        or (0 < index < len(words) - 1 and word in MINOR_TITLE_WORDS)
        for index, word in enumerate(words)
    )


def substance(text: str) -> set[str]:
    """The content words of `text`, plurals folded."""
    return {singular(token) for token in tokens(text) if is_content_word(token)}


def assert_titles_name_what_was_said(titles: tuple[str, ...], transcript: Transcript) -> None:
    """Each title names the video's topics in several words, all of them said, and names
    something no earlier title does: no template around one keyword, no filename."""
    said = substance(transcript.text)
    named: list[set[str]] = []
    for title in titles:
        words = substance(title)
        assert len(words) >= 2, title
        assert words <= said, (title, words - said)
        assert not any(words <= earlier for earlier in named), (title, titles)
        named.append(words)


def test_it_is_the_local_engine() -> None:
    assert ENGINE.name == "local"


@pytest.mark.parametrize("style", ["sphinx", "whisper"])
async def test_a_four_topic_talk_gets_text_about_all_four_topics(style: Style) -> None:
    talk = make_talk(style=style, seed=1)

    result, chapters = await generate(talk)

    assert_within_rules(result, len(chapters))
    assert len(chapters) == 4
    for title in result.titles:
        assert is_title_case(title), title
    assert_titles_name_what_was_said(result.titles, talk.transcript)
    assert set(TOPIC_WORDS) <= substance(result.titles[0])  # the first names all four
    for word in TOPIC_WORDS:
        assert word in result.description.lower()
        assert any(word in substance(tag) for tag in result.tags)
    for title, word in zip(result.chapter_titles, TOPIC_WORDS, strict=True):
        assert word in substance(title)
        assert 2 <= len(title.split()) <= 5, title


async def test_an_unpunctuated_transcript_becomes_written_sentences() -> None:
    talk = make_talk(style="sphinx", seed=2)

    result, _ = await generate(talk)

    summary = result.description.split("\n\n")[0]
    sentences = re.split(r"(?<=\.) ", summary)
    assert 2 <= len(sentences) <= 5
    for sentence in sentences:
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert 5 <= len(sentence.split()) <= 45, sentence


async def test_a_punctuated_transcript_is_summarised_with_its_own_sentences() -> None:
    talk = make_talk(style="whisper", seed=3)

    result, _ = await generate(talk)

    summary = result.description.split("\n\n")[0]
    sentences = re.split(r"(?<=[.!?]) (?=[A-Z])", summary)
    assert len(sentences) >= 2
    assert set(sentences) <= set(talk.sentences)
    # The summary covers the talk rather than repeating one point.
    assert len({sentence for sentence in sentences}) == len(sentences)


async def test_show_notes_have_a_summary_and_a_key_point_per_chapter() -> None:
    talk = make_talk(style="whisper", seed=4)

    result, chapters = await generate(talk)

    lines = result.show_notes.split("\n")
    assert lines[0] == "Summary"
    assert lines[1] and lines[2] == "" and lines[3] == "Key points"
    points = lines[4:]
    assert len(points) == len(chapters) == 4
    for point in points:
        # The chapter lines are generated from the chapter list, not written into points.
        assert point.startswith("- ") and point.endswith(".")
        assert not re.match(r"- \d+:\d\d", point)


async def test_the_description_with_its_chapter_list_obeys_youtube() -> None:
    talk = make_talk(style="sphinx", seed=5)

    result, chapters = await generate(talk)
    description = compose_description(
        result.description,
        [
            (chapter.start_seconds, title)
            for chapter, title in zip(chapters, result.chapter_titles, strict=True)
        ],
    )

    assert description_problem(description) is None
    assert description.endswith(
        "\n".join(
            f"{format_timestamp(c.start_seconds)} {t}"
            for c, t in zip(chapters, result.chapter_titles, strict=True)
        )
    )


async def test_a_talk_without_chapters_gets_key_topics() -> None:
    talk = make_talk([PASTA], style="whisper", seed=6, seconds_per_topic=120.0)

    result, chapters = await generate(talk, filename="pasta_night.mov")

    assert chapters == []
    assert_within_rules(result, 0)
    assert_titles_name_what_was_said(result.titles, talk.transcript)
    assert "pasta" in substance(result.titles[0])
    assert "Key topics\n- " in result.show_notes
    assert "pasta" in result.tags
    # "night" is only in the file's name: the titles are made of what was said.
    assert not any("night" in title.lower() for title in result.titles)


async def test_no_speech_gives_titles_from_the_filename_and_says_so() -> None:
    request = TextRequest(EMPTY_TRANSCRIPT, (), 42.0, "beach-sunset_4k.mov")

    result = await ENGINE.generate(request)

    assert_within_rules(result, 0)
    assert result.titles[0] == "Beach Sunset 4k"
    assert all("Beach Sunset 4k" in title for title in result.titles)
    assert NO_SPEECH in result.description
    assert NO_SPEECH in result.show_notes
    assert result.tags == ("beach sunset 4k",)


async def test_only_fillers_said_counts_as_nothing_to_summarise() -> None:
    words = tuple(
        Word(word, index * 0.5, index * 0.5 + 0.3)
        for index, word in enumerate(["um", "so", "yeah", "like", "you", "know", "um", "okay"])
    )
    transcript = Transcript("en", (Segment(0.0, 4.0, " ".join(w.word for w in words), words),))

    result = await ENGINE.generate(TextRequest(transcript, (), 10.0, "clip.mp4"))

    assert_within_rules(result, 0)
    assert result.titles[0] == "Clip"


async def test_a_few_words_said_still_name_the_video() -> None:
    words = tuple(
        Word(word, index * 0.4, index * 0.4 + 0.3)
        for index, word in enumerate(["we", "are", "building", "a", "birdhouse", "today"])
    )
    transcript = Transcript("en", (Segment(0.0, 2.3, " ".join(w.word for w in words), words),))

    result = await ENGINE.generate(TextRequest(transcript, (), 10.0, "IMG_2041.mp4"))

    assert result.titles
    assert all("birdhouse" in title.lower() for title in result.titles), result.titles
    assert "birdhouse" in result.tags


async def test_an_unreadable_filename_still_gives_five_titles() -> None:
    request = TextRequest(EMPTY_TRANSCRIPT, (), 5.0, "<script>__.mp4")

    result = await ENGINE.generate(request)

    assert_within_rules(result, 0)
    assert result.titles[0] == "Script"
    untitled = await ENGINE.generate(TextRequest(EMPTY_TRANSCRIPT, (), 5.0, "___.webm"))
    assert_within_rules(untitled, 0)
    assert untitled.titles[0] == "Untitled Video"
    assert untitled.tags == ()


async def test_a_long_filename_leaves_room_in_every_title() -> None:
    name = "a very long name for a video about " + "many different things " * 10

    result = await ENGINE.generate(TextRequest(EMPTY_TRANSCRIPT, (), 5.0, name + ".mp4"))

    assert_within_rules(result, 0)
    assert not any(title.endswith("\u2026") for title in result.titles)


async def test_chapters_without_words_are_named_by_their_place() -> None:
    talk = make_talk([PASTA], style="sphinx", seed=7, seconds_per_topic=30.0, tail=30.0)
    said = talk.transcript.words
    fillers = (Word("um", 51.0, 51.3), Word("uh", 52.0, 52.3))
    transcript = Transcript(
        "en", (*talk.transcript.segments, Segment(51.0, 52.3, "um uh", fillers))
    )
    chapters = (
        ChapterDraft(0.0, 30.0, " ".join(w.word for w in said if w.start < 30), ""),
        ChapterDraft(30.0, 50.0, " ".join(w.word for w in said if 30 <= w.start < 50), ""),
        ChapterDraft(50.0, talk.duration, "um uh", ""),
    )

    result = await ENGINE.generate(TextRequest(transcript, chapters, talk.duration, "a.mp4"))

    assert_within_rules(result, 3)
    assert result.chapter_titles[1:] == ("Part 2", "Part 3")


async def test_an_unknown_duration_still_uses_the_whole_transcript() -> None:
    talk = make_talk(style="whisper", seed=8, seconds_per_topic=40.0)

    unknown = await ENGINE.generate(TextRequest(talk.transcript, (), 0.0, "talk.mp4"))
    known = await ENGINE.generate(TextRequest(talk.transcript, (), talk.duration, "talk.mp4"))

    assert_within_rules(unknown, 0)
    assert unknown == known


def misheard(talk: Talk, confidence: float) -> Transcript:
    """The talk as a recognizer might hear it: sure of its words (0.9) except three, each
    taken for a rare word once ("fetus", "carter", "numb") with the given confidence."""
    mishearings = {40: "fetus", 90: "carter", 140: "numb"}
    segments = []
    count = 0
    for segment in talk.transcript.segments:
        words = []
        for word in segment.words:
            guess = mishearings.get(count)
            words.append(
                replace(word, word=guess, confidence=confidence)
                if guess
                else replace(word, confidence=0.9)
            )
            count += 1
        segments.append(replace(segment, text=" ".join(w.word for w in words), words=tuple(words)))
    return Transcript("en", tuple(segments))


@pytest.mark.parametrize(("confidence", "named"), [(0.2, False), (0.95, True)])
async def test_a_word_heard_once_without_confidence_names_nothing(
    confidence: float, named: bool
) -> None:
    talk = make_talk([PASTA], style="sphinx", seed=9, seconds_per_topic=60.0)
    transcript = written_sentences(misheard(talk, confidence))

    result = await ENGINE.generate(TextRequest(transcript, (), talk.duration, "clip.mp4"))

    texts = [*result.titles, *result.tags]
    mentioned = {"fetus", "carter", "numb"} & {word for text in texts for word in words_of(text)}
    # Heard surely, a rare word is a fair tag; heard once and unsure, it is never one.
    assert bool(mentioned) == named, texts


@dataclass(frozen=True)
class HeardVideo:
    spoken: SpeechVideo
    transcript: Transcript
    chapters: tuple[ChapterDraft, ...]
    result: TextResult


@pytest.fixture(scope="module")
def heard_video(tmp_path_factory: pytest.TempPathFactory) -> HeardVideo:
    """The flite video heard by pocketsphinx and written up, as the pipeline does."""
    spoken = speech_video(tmp_path_factory.getbasetemp() / "speech")
    wav = tmp_path_factory.mktemp("heard") / "speech.wav"
    extract_audio(spoken.path, wav, DEFAULT_LIMITS, lambda _fraction, _detail: None)
    transcript = written_sentences(PocketsphinxEngine().transcribe(wav, lambda *_: None))
    chapters = tuple(find_chapters(transcript, spoken.duration_seconds))
    request = TextRequest(transcript, chapters, spoken.duration_seconds, "Truncated.mp4")
    return HeardVideo(spoken, transcript, chapters, asyncio.run(ENGINE.generate(request)))


def test_titles_and_tags_name_the_real_topics_and_no_guess(heard_video: HeardVideo) -> None:
    result = heard_video.result
    doubtful = doubtful_words(heard_video.transcript.to_json())
    assert doubtful, "pocketsphinx mishears some of the flite speech"

    assert_within_rules(result, len(heard_video.chapters))
    assert_titles_name_what_was_said(result.titles, heard_video.transcript)
    for spoken in heard_video.spoken.topics:
        keywords = {singular(word) for word in spoken.topic.keywords}
        assert keywords & substance(" ".join(result.titles)), (spoken.topic.name, result.titles)
        assert keywords & substance(" ".join(result.tags)), (spoken.topic.name, result.tags)
    for text in [*result.titles, *result.tags, *result.chapter_titles]:
        assert not doubtful & set(words_of(text)), (text, doubtful)


def test_chapter_titles_name_their_topic_in_two_to_five_words(heard_video: HeardVideo) -> None:
    assert len(heard_video.chapters) == len(heard_video.spoken.topics)
    for title, spoken in zip(
        heard_video.result.chapter_titles, heard_video.spoken.topics, strict=True
    ):
        assert 2 <= len(title.split()) <= 5, title
        assert {singular(word) for word in spoken.topic.keywords} & substance(title), title


def test_the_description_is_made_of_the_clearest_sentences(heard_video: HeardVideo) -> None:
    def clarity(segment: Segment) -> float:
        return statistics.fmean(word.confidence or 0.0 for word in segment.words)

    sentences = {segment.text: clarity(segment) for segment in heard_video.transcript.segments}
    summary = heard_video.result.description.split("\n\n")[0]

    chosen = re.split(r"(?<=\.) ", summary)
    assert chosen and set(chosen) <= set(sentences), chosen
    typical = statistics.median(sentences.values())
    assert all(sentences[sentence] >= typical for sentence in chosen), (chosen, typical)
