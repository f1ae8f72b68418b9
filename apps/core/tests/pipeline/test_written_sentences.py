"""Transcripts from an engine that does not punctuate (pocketsphinx) become written sentences."""

import itertools
import re

from echo_core.pipeline.text.written_sentences import LONGEST_SENTENCE_WORDS, written_sentences
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Segment, Transcript, Word
from tests.sentence_ends import sentence_ends_found
from tests.transcripts import make_talk


def plain_words(words: list[Word]) -> list[tuple[str, float, float, float | None]]:
    return [(re.sub(r"[^\w']", "", w.word.lower()), w.start, w.end, w.confidence) for w in words]


def spoken(text: str, start: float, pause_after: dict[int, float] | None = None) -> list[Word]:
    """Words 0.3 s long, 0.0 s apart except for the pauses given by word index."""
    words: list[Word] = []
    clock = start
    for index, written in enumerate(text.split()):
        words.append(Word(written, round(clock, 3), round(clock + 0.3, 3), confidence=0.9))
        clock += 0.3 + (pause_after or {}).get(index, 0.0)
    return words


def as_transcript(words: list[Word]) -> Transcript:
    text = " ".join(word.word for word in words)
    return Transcript("en", (Segment(words[0].start, words[-1].end, text, tuple(words)),))


def test_a_talk_read_with_pauses_gets_its_sentences_back() -> None:
    talk = make_talk(style="sphinx", seed=3, seconds_per_topic=40.0)

    written = written_sentences(talk.transcript)

    recall, precision = sentence_ends_found(talk.sentences, written)
    assert recall >= 0.95
    # A pause at a comma may end a sentence too: "...at home. And it is easier than you think."
    assert precision >= 0.6
    for segment in written.segments:
        assert re.fullmatch(r"[A-Z][^.]*\.", segment.text), segment.text
        assert segment.text == " ".join(word.word for word in segment.words)
        assert (segment.start, segment.end) == (segment.words[0].start, segment.words[-1].end)
    assert plain_words(written.words) == plain_words(talk.transcript.words)


def test_i_is_written_as_a_capital() -> None:
    words = spoken("so i think i'm in it and i've said it is in", 0.0)

    [sentence] = written_sentences(as_transcript(words)).segments

    assert sentence.text == "So I think I'm in it and I've said it is in."


def test_a_sentence_ends_at_the_clear_pause_not_after_a_word_that_leads_on() -> None:
    words = spoken(
        "we water the garden in the morning then we feed the plants with compost",
        0.0,
        pause_after={2: 0.4, 6: 0.4},  # "the |pause| garden", "morning |pause| then"
    )

    written = written_sentences(as_transcript(words))

    assert [segment.text for segment in written.segments] == [
        "We water the garden in the morning.",
        "Then we feed the plants with compost.",
    ]


def test_a_long_silence_always_ends_a_sentence() -> None:
    words = [*spoken("and this is where", 0.0), *spoken("the second part starts", 5.0)]

    written = written_sentences(as_transcript(words))

    assert [segment.text for segment in written.segments] == [
        "And this is where.",
        "The second part starts.",
    ]


def test_speech_without_any_pause_is_cut_into_readable_sentences() -> None:
    words = spoken(" ".join(["pasta water salt and sauce"] * 30), 0.0)

    written = written_sentences(as_transcript(words))

    lengths = [len(segment.words) for segment in written.segments]
    assert sum(lengths) == len(words)
    assert all(4 <= length <= LONGEST_SENTENCE_WORDS for length in lengths), lengths


def test_a_punctuated_transcript_is_left_as_its_engine_wrote_it() -> None:
    talk = make_talk(style="whisper", seed=4, seconds_per_topic=20.0)

    assert written_sentences(talk.transcript) == talk.transcript
    assert written_sentences(EMPTY_TRANSCRIPT) == EMPTY_TRANSCRIPT


def test_text_without_word_timings_is_kept_whole() -> None:
    untimed = Transcript("en", (Segment(0.0, 4.0, "some words without times"),))

    assert written_sentences(untimed) == untimed


def test_the_text_has_a_line_per_sentence() -> None:
    sphinx = written_sentences(make_talk(style="sphinx", seed=5, seconds_per_topic=20.0).transcript)
    lines = sphinx.text.split("\n")
    assert lines == [segment.text for segment in sphinx.segments]

    # Whisper's segments may stop mid-sentence; the line runs on to the sentence's end.
    halves = [
        Segment(0.0, 1.0, " We boil the water", tuple(spoken("We boil the water", 0.0))),
        Segment(1.2, 2.0, " and add salt.", tuple(spoken("and add salt.", 1.2))),
        Segment(2.5, 3.5, " Then the pasta.", tuple(spoken("Then the pasta.", 2.5))),
    ]
    text = Transcript("en", tuple(halves)).text
    assert text == "We boil the water and add salt.\nThen the pasta."


def test_pairs_of_neighbouring_sentences_never_overlap() -> None:
    talk = make_talk(style="sphinx", seed=6, seconds_per_topic=30.0)

    written = written_sentences(talk.transcript)

    for before, after in itertools.pairwise(written.segments):
        assert before.end <= after.start
