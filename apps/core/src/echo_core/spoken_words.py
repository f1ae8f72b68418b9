"""Words as the spoken-word search sees them, in the index, the query and the snippet alike.

A word is a run of letters, digits and marks (the accents and vowel signs of many scripts)
that starts with a letter or digit; everything else separates words, so no character a
creator types can reach a database's search syntax. Words are compared casefolded. The
index stores each segment's words in this form, separated by spaces, so SQLite's FTS5 and
PostgreSQL's parser both see the same words.
"""

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# The indexed words of one segment stop here: a segment is a sentence or two, and no
# transcript (a remote engine's included) may make one row grow past what a database indexes.
MAX_INDEXED_CHARACTERS = 20_000


def _kind(character: str) -> str:
    """The first letter of its Unicode category: L (letter), N (number), M (mark), ..."""
    return unicodedata.category(character)[0]


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each word of `text` starts and ends (a slice), in order. A word starts with a
    letter or digit; marks continue one (a mark on its own, or first, is no word)."""
    start: int | None = None
    for index, character in enumerate(text):
        kind = _kind(character)
        if kind in "LN" or (kind == "M" and start is not None):
            if start is None:
                start = index
        elif start is not None:
            yield start, index
            start = None
    if start is not None:
        yield start, len(text)


def comparable(word: str) -> str:
    return word.casefold()


def words_of(text: str) -> list[str]:
    """The words of `text`, casefolded."""
    return [comparable(text[start:end]) for start, end in word_spans(text)]


def indexed_words(text: str) -> str:
    """What the index stores for a segment's `text`: its words, casefolded, space-separated."""
    words = " ".join(words_of(text))
    if len(words) <= MAX_INDEXED_CHARACTERS:
        return words
    return words[:MAX_INDEXED_CHARACTERS].rsplit(" ", 1)[0]


@dataclass(frozen=True)
class IndexedSegment:
    """A transcript segment as the index holds it; `position` is its place in the transcript."""

    position: int
    start_seconds: float
    end_seconds: float
    text: str
    words: str


def indexed_segments(transcript: Sequence[Mapping[str, Any]]) -> list[IndexedSegment]:
    """The segments of a stored transcript (`video_metadata.transcript_segments`) that have
    a word to find."""
    found = []
    for position, segment in enumerate(transcript):
        text = str(segment.get("text") or "").strip()
        words = indexed_words(text)
        if words:
            start, end = float(segment["start"]), float(segment["end"])
            found.append(IndexedSegment(position, start, end, text, words))
    return found


class SpokenQuery:
    """What a creator searched for: every word must be spoken in a segment, and the last one
    may be the start of a word, since the search box searches while they type."""

    def __init__(self, text: str) -> None:
        self.words: tuple[str, ...] = tuple(dict.fromkeys(words_of(text)))

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def whole_words(self) -> tuple[str, ...]:
        return self.words[:-1]

    @property
    def last_word(self) -> str:
        return self.words[-1]

    def matches(self, word: str) -> bool:
        """Whether a word of a segment (as spoken, any case) is one the query found."""
        folded = comparable(word)
        return folded in self.whole_words or folded.startswith(self.last_word)
