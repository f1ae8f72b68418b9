"""Subtitle cues: readable, in time with the words, inside the video, and valid SRT/WebVTT."""

import itertools
import random
import re
from datetime import timedelta

import pytest
import srt
import webvtt

from echo_core.pipeline.subtitles import (
    MAX_CHARS_PER_SECOND,
    MAX_CUE_SECONDS,
    MAX_LINE_CHARS,
    MAX_PAUSE_IN_CUE_SECONDS,
    MIN_CUE_SECONDS,
    Cue,
    build_cues,
    to_srt,
    to_webvtt,
)
from echo_core.pipeline.text.stopwords import BINDING_WORDS
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Segment, Transcript, Word
from tests.transcripts import Style, make_talk

MS = 0.001


def transcript_of(*words: tuple[str, float, float]) -> Transcript:
    """One segment per word, as an engine that splits at every pause would give."""
    return Transcript(
        language="en",
        segments=tuple(
            Segment(start, end, text, (Word(text, start, end),)) for text, start, end in words
        ),
    )


def assert_readable(cues: list[Cue], duration: float) -> None:
    """Every rule a cue list must keep, whatever the input."""
    for cue in cues:
        assert 1 <= len(cue.lines) <= 2, cue
        for line in cue.lines:
            assert 0 < len(line) <= MAX_LINE_CHARS, cue
            assert line == line.strip() and "\n" not in line, cue
        assert 0 <= cue.start < cue.end <= duration, cue
        assert cue.end - cue.start <= MAX_CUE_SECONDS + MS, cue
    for cue, following in itertools.pairwise(cues):
        assert cue.end <= following.start, (cue, following)
    for index, cue in enumerate(cues):
        blocked_at = cues[index + 1].start if index + 1 < len(cues) else duration
        shown = cue.end - cue.start
        could_stay_longer = cue.end < blocked_at - MS and shown < MAX_CUE_SECONDS - MS
        if could_stay_longer:
            assert shown >= MIN_CUE_SECONDS - MS, cue
            assert len(" ".join(cue.lines)) / shown <= MAX_CHARS_PER_SECOND + 0.01, cue


def seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def cue_words(cues: list[Cue]) -> list[str]:
    return " ".join(" ".join(cue.lines) for cue in cues).split()


def spoken(transcript: Transcript) -> list[str]:
    return [word.word.strip() for word in transcript.words]


@pytest.mark.parametrize("style", ["sphinx", "whisper"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cues_of_a_talk_keep_every_rule_and_every_word(style: Style, seed: int) -> None:
    talk = make_talk(style=style, seed=seed)

    cues = build_cues(talk.transcript, talk.duration)

    assert_readable(cues, talk.duration)
    assert cue_words(cues) == spoken(talk.transcript)
    # Each cue appears as its first word is said and stays until its last one is over.
    words = talk.transcript.words
    first = 0
    for cue in cues:
        last = first + len(" ".join(cue.lines).split()) - 1
        assert cue.start == pytest.approx(words[first].start, abs=MS)
        assert cue.end >= words[last].end - MS
        pauses = [b.start - a.end for a, b in itertools.pairwise(words[first : last + 1])]
        assert max(pauses, default=0.0) <= MAX_PAUSE_IN_CUE_SECONDS
        first = last + 1


@pytest.mark.parametrize("style", ["sphinx", "whisper"])
def test_cues_break_at_sentence_ends_and_not_after_little_words(style: Style) -> None:
    talk = make_talk(style=style, seed=4)

    cues = build_cues(talk.transcript, talk.duration)

    cue_ends = set(itertools.accumulate(len(" ".join(cue.lines).split()) for cue in cues))
    sentence_ends = set(itertools.accumulate(len(s.split()) for s in talk.sentences))
    assert len(cue_ends & sentence_ends) >= 0.9 * len(sentence_ends)
    last_words = [cue.lines[-1].split()[-1].lower().strip(".,!?") for cue in cues]
    assert not [word for word in last_words if word in BINDING_WORDS]
    # Most cues hold a comfortable amount of text rather than a word or two.
    assert sum(len(" ".join(cue.lines)) >= 30 for cue in cues) >= 0.8 * len(cues)


def test_two_lines_are_balanced_and_one_line_is_used_when_it_fits() -> None:
    talk = make_talk(style="whisper", seed=5)

    cues = build_cues(talk.transcript, talk.duration)

    two_liners = [cue for cue in cues if len(cue.lines) == 2]
    for cue in two_liners:
        assert len(" ".join(cue.lines)) > MAX_LINE_CHARS
        assert abs(len(cue.lines[0]) - len(cue.lines[1])) <= 26, cue
        # The top line ends on a word like "the" only when no other split fits both lines.
        if ends_on_binding_word(cue.lines[0]):
            words = " ".join(cue.lines).split()
            for index in range(1, len(words)):
                top, bottom = " ".join(words[:index]), " ".join(words[index:])
                if max(len(top), len(bottom)) <= MAX_LINE_CHARS:
                    assert ends_on_binding_word(top), (cue, top)


def ends_on_binding_word(line: str) -> bool:
    return line.split()[-1].lower() in BINDING_WORDS


def test_srt_output_parses_back_to_the_same_cues() -> None:
    talk = make_talk(style="whisper", seed=6, seconds_per_topic=40)
    cues = build_cues(talk.transcript, talk.duration)

    text = to_srt(cues)
    parsed = list(srt.parse(text))

    assert [item.index for item in parsed] == list(range(1, len(cues) + 1))
    for item, cue in zip(parsed, cues, strict=True):
        assert item.start == timedelta(milliseconds=round(cue.start * 1000))
        assert item.end == timedelta(milliseconds=round(cue.end * 1000))
        assert item.content == "\n".join(cue.lines)
    timing = re.compile(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$")
    blocks = text.split("\n\n")
    assert len(blocks) == len(cues)
    for number, block in enumerate(blocks, start=1):
        lines = block.strip("\n").split("\n")
        assert lines[0] == str(number)
        assert timing.match(lines[1]), lines[1]
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_webvtt_output_parses_back_to_the_same_cues() -> None:
    talk = make_talk(style="sphinx", seed=7, seconds_per_topic=40)
    cues = build_cues(talk.transcript, talk.duration)

    text = to_webvtt(cues)
    parsed = webvtt.from_string(text).captions

    assert text.startswith("WEBVTT\n\n")
    assert len(parsed) == len(cues)
    for caption, cue in zip(parsed, cues, strict=True):
        assert seconds(caption.start) == pytest.approx(cue.start, abs=MS)
        assert seconds(caption.end) == pytest.approx(cue.end, abs=MS)
        assert caption.lines == list(cue.lines)
    timing = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}$")
    assert [line for line in text.split("\n") if "-->" in line] == [
        line for line in text.split("\n") if timing.match(line)
    ]


def test_timestamps_past_an_hour_and_exact_milliseconds() -> None:
    cues = [Cue(3723.5, 3725.042, ("late in a long video",))]

    assert "01:02:03,500 --> 01:02:05,042" in to_srt(cues)
    assert "01:02:03.500 --> 01:02:05.042" in to_webvtt(cues)


def test_webvtt_escapes_what_would_read_as_markup() -> None:
    transcript = transcript_of(("a<b", 0.0, 0.5), ("&", 0.6, 0.8), ("c>d", 0.9, 1.4))

    text = to_webvtt(build_cues(transcript, 5.0))

    assert webvtt.from_string(text).captions[0].text == "a&lt;b &amp; c&gt;d"
    assert "a<b & c>d" in to_srt(build_cues(transcript, 5.0))


def test_no_speech_gives_no_cues_and_valid_empty_files() -> None:
    assert build_cues(EMPTY_TRANSCRIPT, 30.0) == []
    assert to_srt([]) == ""
    assert to_webvtt([]) == "WEBVTT\n"
    assert webvtt.from_string(to_webvtt([])).captions == []


def test_a_short_word_alone_stays_long_enough_to_read() -> None:
    transcript = transcript_of(("yes", 2.0, 2.2), ("then", 9.0, 9.3), ("more", 9.35, 9.6))

    first, second = build_cues(transcript, 10.0)

    assert first.lines == ("yes",)
    assert first.end - first.start >= MIN_CUE_SECONDS
    assert first.end < second.start
    assert second.end <= 10.0


def test_fast_speech_stays_up_into_the_following_silence() -> None:
    # 80 characters said in two seconds (40 per second), then silence.
    sentence = "the quick brown fox jumps over the lazy dog and keeps running far away from here"
    words = sentence.split()
    step = 2.0 / len(words)
    transcript = transcript_of(
        *(
            (word, 1.0 + index * step, 1.0 + (index + 0.9) * step)
            for index, word in enumerate(words)
        )
    )

    [cue] = build_cues(transcript, 20.0)

    assert len(" ".join(cue.lines)) / (cue.end - cue.start) <= MAX_CHARS_PER_SECOND
    assert_readable([cue], 20.0)


def test_fast_speech_never_overlaps_the_next_cue() -> None:
    words = [f"word{index}" for index in range(60)]
    transcript = transcript_of(
        *((word, index * 0.12, index * 0.12 + 0.1) for index, word in enumerate(words))
    )

    cues = build_cues(transcript, 8.0)

    assert_readable(cues, 8.0)
    assert cue_words(cues) == words


def test_times_stay_inside_the_video() -> None:
    transcript = transcript_of(
        ("early", -0.5, 0.4), ("inside", 1.0, 1.5), ("crossing", 9.5, 10.7), ("after", 11.0, 11.5)
    )

    cues = build_cues(transcript, 10.0)

    assert_readable(cues, 10.0)
    assert cue_words(cues) == ["early", "inside", "crossing"]
    assert cues[0].start == 0.0


def test_a_word_held_for_long_is_shown_at_most_seven_seconds() -> None:
    cues = build_cues(transcript_of(("sooo", 1.0, 25.0), ("done", 26.0, 26.4)), 30.0)

    assert_readable(cues, 30.0)
    assert cues[0].end - cues[0].start == pytest.approx(MAX_CUE_SECONDS)


def test_an_overlong_word_is_split_across_lines() -> None:
    url = "https://example.com/" + "a" * 100
    cues = build_cues(transcript_of(("see", 0.0, 0.3), (url, 0.4, 3.0)), 5.0)

    assert_readable(cues, 5.0)
    assert "".join(cue_words(cues)[1:]) == url


def test_engine_markers_and_pronunciation_variants_are_not_shown() -> None:
    transcript = transcript_of(
        ("<s>", 0.0, 0.1), ("the(2)", 0.1, 0.3), ("[NOISE]", 0.3, 0.6), ("garden", 0.6, 1.0),
        ("<sil>", 1.0, 1.5), ("grows", 1.5, 2.0), ("</s>", 2.0, 2.1),
    )  # fmt: skip

    assert cue_words(build_cues(transcript, 5.0)) == ["the", "garden", "grows"]


def test_punctuation_given_as_separate_words_stays_with_its_word() -> None:
    transcript = transcript_of(("Hello", 0.0, 0.4), (".", 0.4, 0.4), ("Again", 2.0, 2.4))

    assert cue_words(build_cues(transcript, 5.0)) == ["Hello.", "Again"]


def test_segments_without_word_timings_are_spread_over_the_segment() -> None:
    transcript = Transcript(
        language="en",
        segments=(
            Segment(0.0, 4.0, "a segment that came without any word timings at all"),
            Segment(6.0, 8.0, "and another one"),
        ),
    )

    cues = build_cues(transcript, 10.0)

    assert_readable(cues, 10.0)
    assert " ".join(cue_words(cues)) == (
        "a segment that came without any word timings at all and another one"
    )
    assert cues[-1].start == pytest.approx(6.0)


def test_unsorted_and_overlapping_words_still_give_valid_cues() -> None:
    transcript = transcript_of(
        ("three", 2.0, 2.5), ("one", 0.0, 1.2), ("two", 1.0, 2.4), ("same", 2.0, 2.0)
    )

    cues = build_cues(transcript, 3.0)

    assert_readable(cues, 3.0)
    assert sorted(cue_words(cues)) == ["one", "same", "three", "two"]


def test_non_ascii_text_is_measured_in_characters() -> None:
    words = ["café", "naïve", "日本語の字幕", "Ünïcödé", "😀"] * 6
    transcript = transcript_of(
        *((word, index * 0.4, index * 0.4 + 0.3) for index, word in enumerate(words))
    )

    cues = build_cues(transcript, 20.0)

    assert_readable(cues, 20.0)
    assert cue_words(cues) == words
    parsed = list(srt.parse(to_srt(cues)))
    assert parsed[0].content.split("\n") == list(cues[0].lines)


def test_an_unknown_duration_is_bounded_by_the_transcript() -> None:
    transcript = transcript_of(("known", 0.5, 1.0), ("words", 1.1, 1.6))

    cues = build_cues(transcript, 0.0)

    assert_readable(cues, 1.6)
    assert cue_words(cues) == ["known", "words"]


def test_an_hour_of_speech() -> None:
    talk = make_talk(style="sphinx", seed=8, seconds_per_topic=900)

    cues = build_cues(talk.transcript, talk.duration)

    assert_readable(cues, talk.duration)
    assert cue_words(cues) == spoken(talk.transcript)


@pytest.mark.parametrize("seed", range(150))
def test_random_input_keeps_every_rule(seed: int) -> None:
    rng = random.Random(seed)
    duration = rng.choice([0.5, 3.0, 30.0, 300.0])
    vocabulary = ["a", "the", "tomato", "telescope,", "ok.", "supercalifragilistic", "x" * 50]
    words = []
    clock = rng.uniform(-1.0, 2.0)
    for _ in range(rng.randint(0, 400)):
        clock += rng.choice([0.0, 0.01, 0.1, 0.3, 0.8, 2.0, 9.0]) * rng.random()
        length = rng.choice([0.0, 0.05, 0.3, 1.0, 12.0]) * rng.random()
        words.append((rng.choice(vocabulary), clock, clock + length))
    transcript = transcript_of(*words)

    cues = build_cues(transcript, duration)

    assert_readable(cues, duration)
    assert len(list(srt.parse(to_srt(cues)))) == len(cues)
    assert len(webvtt.from_string(to_webvtt(cues)).captions) == len(cues)


def test_webvtt_names_its_language_in_the_header_and_still_parses() -> None:
    cues = [Cue(0.0, 1.5, ("Guten Morgen",)), Cue(2.0, 3.0, ("zusammen",))]

    text = to_webvtt(cues, "de")

    assert text.startswith("WEBVTT\nLanguage: de\n\n00:00:00.000 --> 00:00:01.500\n")
    parsed = webvtt.from_string(text)
    assert [caption.text for caption in parsed.captions] == ["Guten Morgen", "zusammen"]
    assert to_webvtt([], "de") == "WEBVTT\nLanguage: de\n"
