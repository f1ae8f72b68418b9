"""Chapters: found where the talk changes topic, and always within YouTube's rules."""

import random

import pytest

from echo_core.pipeline import chapters as chapters_module
from echo_core.pipeline.chapters import find_chapters, most_chapters
from echo_core.pipeline.text.engine import ChapterDraft
from echo_core.pipeline.text.timed_words import spoken_words
from echo_core.pipeline.text.tokens import stem, tokens
from echo_core.pipeline.text.topic_titles import MAX_TOPIC_TITLE_CHARS
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Segment, Transcript, Word
from echo_core.youtube_rules import chapters_problem
from tests.transcripts import (
    BICYCLE,
    GARDEN,
    MORE_TOPICS,
    PASTA,
    TELESCOPES,
    TOPICS,
    Style,
    make_talk,
)

TOLERANCE_SECONDS = 8.0


def assert_within_rules(
    chapters: list[ChapterDraft], transcript: Transcript, duration: float
) -> None:
    starts = [chapter.start_seconds for chapter in chapters]
    assert chapters_problem(starts, duration) is None, starts
    assert len(chapters) <= most_chapters(duration)
    ends = [*starts[1:], duration] if chapters else []
    for chapter, end in zip(chapters, ends, strict=True):
        assert chapter.start_seconds == int(chapter.start_seconds)  # as YouTube writes them
        assert chapter.end_seconds == end
        assert chapter.title.strip() == chapter.title and chapter.title
        assert len(chapter.title) <= MAX_TOPIC_TITLE_CHARS
        assert "<" not in chapter.title and ">" not in chapter.title
    assert len({chapter.title.casefold() for chapter in chapters}) == len(chapters)
    if chapters:
        said = [word.word for word in spoken_words(transcript, duration)]
        assert " ".join(chapter.text for chapter in chapters).split() == said


def vocabulary(sentences: list[str]) -> set[str]:
    return {stem(token) for sentence in sentences for token in tokens(sentence)}


@pytest.mark.parametrize("style", ["sphinx", "whisper"])
@pytest.mark.parametrize(
    ("seed", "seconds_per_topic"),
    [
        (0, [90.0, 90.0, 90.0, 90.0]),
        (1, [60.0, 120.0, 45.0, 100.0]),
        (2, [130.0, 50.0, 80.0, 60.0]),
    ],
)
def test_four_topics_are_found_where_they_change(
    style: Style, seed: int, seconds_per_topic: list[float]
) -> None:
    talk = make_talk(style=style, seed=seed, seconds_per_topic=seconds_per_topic)

    chapters = find_chapters(talk.transcript, talk.duration)

    assert_within_rules(chapters, talk.transcript, talk.duration)
    assert len(chapters) == 4, [chapter.start_seconds for chapter in chapters]
    words = talk.transcript.words
    for chapter, true_start in zip(chapters[1:], talk.topic_starts[1:], strict=True):
        assert abs(chapter.start_seconds - true_start) <= TOLERANCE_SECONDS
        # A chapter starts at the second before a word that follows a pause.
        following = next(index for index, w in enumerate(words) if w.start >= chapter.start_seconds)
        assert words[following].start - chapter.start_seconds < 1.0
        assert words[following].start - words[following - 1].end >= 0.25


def test_chapter_titles_name_their_own_topic() -> None:
    talk = make_talk(style="sphinx", seed=3)

    chapters = find_chapters(talk.transcript, talk.duration)

    assert len(chapters) == len(TOPICS)
    for chapter, topic in zip(chapters, TOPICS, strict=True):
        title_words = {stem(token) for token in tokens(chapter.title) if token != "and"}
        others = set().union(*(vocabulary(other) for other in TOPICS if other is not topic))
        assert title_words <= vocabulary(topic), chapter.title
        assert title_words - others, f"{chapter.title!r} says nothing only its topic says"


def test_a_punctuated_transcript_gives_the_same_chapters_as_a_plain_one() -> None:
    plain = make_talk(style="sphinx", seed=4)
    punctuated = make_talk(style="whisper", seed=4)

    plain_starts = [c.start_seconds for c in find_chapters(plain.transcript, plain.duration)]
    punctuated_starts = [
        c.start_seconds for c in find_chapters(punctuated.transcript, punctuated.duration)
    ]
    assert len(plain_starts) == len(punctuated_starts) == 4
    assert punctuated_starts == pytest.approx(plain_starts, abs=2.0)


def test_three_topics_give_three_chapters() -> None:
    talk = make_talk([GARDEN, PASTA, BICYCLE], style="whisper", seed=5, seconds_per_topic=70.0)

    chapters = find_chapters(talk.transcript, talk.duration)

    assert [round(c.start_seconds) for c in chapters] == pytest.approx(
        [0.0, *talk.topic_starts[1:]], abs=TOLERANCE_SECONDS
    )


def test_one_topic_throughout_gets_no_chapters() -> None:
    talk = make_talk([TELESCOPES], style="sphinx", seed=6, seconds_per_topic=300.0)

    assert find_chapters(talk.transcript, talk.duration) == []


def test_a_video_too_short_to_hold_three_chapters_gets_none() -> None:
    # Plenty of speech about four topics, but three chapters of 10 s need 30 s.
    talk = make_talk(style="sphinx", seed=7, seconds_per_topic=7.0)

    assert find_chapters(talk.transcript, 29.9) == []


def test_no_speech_or_too_little_speech_gets_no_chapters() -> None:
    assert find_chapters(EMPTY_TRANSCRIPT, 600.0) == []
    topics = ["pasta", "telescope", "garden", "bicycle", "chain", "tomato"]
    words = tuple(Word(word, 10.0 * index, 10.0 * index + 0.4) for index, word in enumerate(topics))
    sparse = Transcript("en", (Segment(0.0, 60.0, " ".join(w.word for w in words), words),))
    assert find_chapters(sparse, 600.0) == []


def test_eight_topics_of_a_minute_each_give_eight_chapters() -> None:
    talk = make_talk([*TOPICS, *MORE_TOPICS], style="sphinx", seed=8, seconds_per_topic=60.0)

    chapters = find_chapters(talk.transcript, talk.duration)

    assert_within_rules(chapters, talk.transcript, talk.duration)
    starts = [chapter.start_seconds for chapter in chapters]
    assert starts == pytest.approx([0.0, *talk.topic_starts[1:]], abs=TOLERANCE_SECONDS)


def test_more_topics_than_the_limit_keeps_the_best_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    talk = make_talk(style="whisper", seed=11)
    monkeypatch.setattr(chapters_module, "most_chapters", lambda _duration: 3)

    chapters = find_chapters(talk.transcript, talk.duration)

    assert len(chapters) == 3
    for chapter in chapters[1:]:
        nearest = min(abs(chapter.start_seconds - start) for start in talk.topic_starts)
        assert nearest <= TOLERANCE_SECONDS


def test_the_chapter_limit_grows_with_duration() -> None:
    assert most_chapters(30.0) == 3
    assert most_chapters(80.0) == 4
    assert most_chapters(5 * 60.0) == 8
    assert most_chapters(10 * 60.0) == 13
    assert most_chapters(60 * 60.0) == 29


def test_a_long_silence_between_topics_counts_as_evidence() -> None:
    # Like a produced video: four short readings, three seconds of silence between them.
    talk = make_talk(style="sphinx", seed=10, seconds_per_topic=[18.0, 17.0, 16.0, 17.0])
    shifted: list[Segment] = []
    for segment in talk.transcript.segments:
        gap = 3.0 * sum(1 for start in talk.topic_starts[1:] if segment.start >= start)
        shifted.append(
            Segment(
                segment.start + gap,
                segment.end + gap,
                segment.text,
                tuple(Word(w.word, w.start + gap, w.end + gap) for w in segment.words),
            )
        )
    transcript = Transcript("en", tuple(shifted))
    true_starts = [start + 3.0 * index for index, start in enumerate(talk.topic_starts)]

    chapters = find_chapters(transcript, talk.duration + 9.0)

    assert_within_rules(chapters, transcript, talk.duration + 9.0)
    assert [c.start_seconds for c in chapters][1:] == pytest.approx(true_starts[1:], abs=2.0)


def test_an_hour_long_talk() -> None:
    talk = make_talk(style="sphinx", seed=9, seconds_per_topic=900.0)

    chapters = find_chapters(talk.transcript, talk.duration)

    assert_within_rules(chapters, talk.transcript, talk.duration)
    assert len(chapters) >= 4
    for true_start in talk.topic_starts[1:]:
        assert min(abs(c.start_seconds - true_start) for c in chapters) <= TOLERANCE_SECONDS


def random_transcript(rng: random.Random, duration: float) -> Transcript:
    """Anything an engine might hand over: topic runs, babble, silences, odd timings."""
    pools = [*TOPICS, ["um so yeah like you know", "<sil> [NOISE] the(2)"]]
    segments = []
    clock = rng.uniform(-2.0, 5.0)
    while clock < duration * rng.uniform(0.5, 1.2) and len(segments) < 600:
        pool = rng.choice(pools)
        for _ in range(rng.randint(1, 12)):
            text = rng.choice(pool)
            if rng.random() < 0.5:
                text = text.lower().replace(",", "").replace(".", "")
            words = []
            for written in text.split():
                length = rng.choice([0.0, 0.2, 0.4, 3.0]) * rng.random()
                words.append(Word(written, clock, clock + length))
                clock += length + rng.choice([0.0, 0.05, 0.5, 4.0]) * rng.random()
            segments.append(Segment(words[0].start, words[-1].end, text, tuple(words)))
            clock += rng.choice([0.0, 0.5, 2.0, 30.0]) * rng.random()
    if rng.random() < 0.1:
        rng.shuffle(segments)
    return Transcript("en", tuple(segments))


@pytest.mark.parametrize("seed", range(60))
def test_random_transcripts_always_get_rule_abiding_chapters(seed: int) -> None:
    rng = random.Random(seed)
    duration = rng.choice([0.0, 15.0, 29.9, 30.0, 45.0, 120.0, 600.0, 2400.0])

    transcript = random_transcript(rng, duration)
    chapters = find_chapters(transcript, duration)

    assert_within_rules(chapters, transcript, duration)
