"""Word timings after a transcript edit: kept exactly for unchanged words, inside their
segment for changed and new ones."""

import itertools

import pytest

from echo_core.pipeline.retiming import EditedSegment, retimed
from echo_core.pipeline.transcript import Word

HEARD = [
    Word("Welcome", 1.0, 1.4, 0.9),
    Word("to", 1.4, 1.5, 0.8),
    Word("Jon's", 1.6, 2.0, 0.3),
    Word("kitchen.", 2.0, 2.6, 0.95),
    Word("Today", 4.0, 4.3, 0.9),
    Word("we", 4.3, 4.4, 0.9),
    Word("bake", 4.5, 4.9, 0.6),
    Word("bread.", 5.0, 5.5, 0.9),
]


def timings(words: tuple[Word, ...]) -> list[tuple[str, float, float]]:
    return [(word.word, word.start, word.end) for word in words]


def test_unchanged_words_keep_their_timings_and_a_fix_takes_the_misheard_words_place() -> None:
    (segment,) = retimed(HEARD, [EditedSegment("a", 0.9, 2.7, "Welcome to John's kitchen.")])

    assert timings(segment.words) == [
        ("Welcome", 1.0, 1.4),
        ("to", 1.4, 1.5),
        ("John's", 1.5, 2.0),
        ("kitchen.", 2.0, 2.6),
    ]
    assert segment.words[0].confidence == 0.9
    assert segment.words[2].confidence is None  # typed by the creator, not heard


def test_a_change_of_case_or_punctuation_keeps_the_words_timing() -> None:
    (segment,) = retimed(HEARD, [EditedSegment("a", 3.9, 5.6, "today, we bake bread!")])

    assert timings(segment.words) == [
        ("today,", 4.0, 4.3),
        ("we", 4.3, 4.4),
        ("bake", 4.5, 4.9),
        ("bread!", 5.0, 5.5),
    ]


def test_new_words_share_the_time_between_kept_ones_by_their_length() -> None:
    (segment,) = retimed(
        HEARD, [EditedSegment("b", 3.9, 5.6, "Today we bake sourdough rye bread.")]
    )

    new = segment.words[3:5]
    assert [word.word for word in new] == ["sourdough", "rye"]
    # Between "bake" (ends 4.9) and "bread." (starts 5.0), in proportion 9:3.
    assert new[0].start == pytest.approx(4.9) and new[1].end == pytest.approx(5.0)
    assert new[0].end - new[0].start == pytest.approx(3 * (new[1].end - new[1].start))
    assert timings(segment.words)[5] == ("bread.", 5.0, 5.5)


def test_a_split_and_a_new_segment_time_their_words_inside_themselves() -> None:
    segments = retimed(
        HEARD,
        [
            EditedSegment("a", 0.9, 1.55, "Welcome to"),
            EditedSegment("c", 1.55, 2.7, "Jon's kitchen."),
            EditedSegment("d", 2.8, 3.8, "A brand new line"),
        ],
    )

    assert timings(segments[0].words) == [("Welcome", 1.0, 1.4), ("to", 1.4, 1.5)]
    assert timings(segments[1].words) == [("Jon's", 1.6, 2.0), ("kitchen.", 2.0, 2.6)]
    added = segments[2].words
    assert [word.word for word in added] == ["A", "brand", "new", "line"]
    assert added[0].start == 2.8 and added[-1].end == pytest.approx(3.8)
    assert all(a.end == pytest.approx(b.start) for a, b in itertools.pairwise(added))


def test_merged_segments_keep_every_word_of_both() -> None:
    (segment,) = retimed(
        HEARD, [EditedSegment("a", 0.9, 5.6, "Welcome to Jon's kitchen. Today we bake bread.")]
    )

    assert timings(segment.words) == timings(tuple(HEARD))
