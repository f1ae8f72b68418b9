"""Word timings for a transcript the creator edited.

Each edited segment's words are aligned with the words the recognizer heard in the same
stretch of time (difflib on the word sequence, ignoring case and punctuation). A word that
did not change keeps its timing exactly, whatever its new spelling; the words between two
kept ones (changed or new) share the time between them, each in proportion to its length,
and stay inside their segment.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from echo_core.pipeline.transcript import Segment, Transcript, Word


@dataclass(frozen=True)
class EditedSegment:
    id: str
    start: float
    end: float
    text: str


def retimed(heard: Sequence[Word], edited: Sequence[EditedSegment]) -> tuple[Segment, ...]:
    """`edited` as segments with word timings, reusing those of the words in `heard`."""
    return tuple(_retimed_segment(heard, segment) for segment in edited)


def _retimed_segment(heard: Sequence[Word], segment: EditedSegment) -> Segment:
    tokens = segment.text.split()
    pool = [word for word in heard if segment.start <= (word.start + word.end) / 2 <= segment.end]
    matcher = SequenceMatcher(
        None, [_key(word.word) for word in pool], [_key(token) for token in tokens], autojunk=False
    )
    kept: dict[int, Word] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            kept[block.b + offset] = pool[block.a + offset]
    words: list[Word | None] = [
        Word(token, kept[index].start, kept[index].end, kept[index].confidence)
        if index in kept
        else None
        for index, token in enumerate(tokens)
    ]
    return Segment(
        start=segment.start,
        end=segment.end,
        text=" ".join(tokens),
        words=_spread(tokens, words, segment.start, segment.end),
        id=segment.id,
    )


def _spread(
    tokens: Sequence[str], words: list[Word | None], start: float, end: float
) -> tuple[Word, ...]:
    """Time the words still None between their kept neighbours (or the segment's ends)."""
    index = 0
    while index < len(words):
        if words[index] is not None:
            index += 1
            continue
        run_end = index
        while run_end < len(words) and words[run_end] is None:
            run_end += 1
        before = words[index - 1] if index else None
        after = words[run_end] if run_end < len(words) else None
        span_start = min(max(before.end if before else start, start), end)
        span_end = max(min(after.start if after else end, end), span_start)
        run = tokens[index:run_end]
        total = sum(len(token) for token in run)
        at = span_start
        for offset, token in enumerate(run):
            length = (span_end - span_start) * len(token) / total
            words[index + offset] = Word(token, at, min(at + length, span_end))
            at += length
        index = run_end
    return tuple(word for word in words if word is not None)


def _key(word: str) -> str:
    """A word as compared: without case or the punctuation around it."""
    return (
        "".join(
            character
            for character in unicodedata.normalize("NFC", word).casefold()
            if not unicodedata.category(character).startswith("P")
        )
        or word
    )


def segment_ids(transcript: Transcript) -> list[str]:
    """Each segment's id: the one given at its first edit, or its place in the transcript
    for one the creator never edited (a recognizer's segments are never reordered)."""
    return [segment.id or f"s{index}" for index, segment in enumerate(transcript.segments, start=1)]
