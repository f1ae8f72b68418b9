"""Extractive summaries: the spoken units that best represent a transcript, in spoken order.

A unit is a sentence when the transcript is punctuated (Whisper, and pocketsphinx once written
in sentences) and a pause-bounded stretch when it is not. Units are scored against the
centroid of the whole text (TF-IDF weights) and by how surely they were heard, and picked
with maximal marginal relevance, so the summary covers several points instead of repeating
its best one.
"""

import bisect
import itertools
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.hearing import sureness
from echo_core.pipeline.text.punctuation import ends_clause, ends_sentence, looks_punctuated
from echo_core.pipeline.text.tokens import content_stems
from echo_core.pipeline.text.vectors import cosine, norm
from echo_core.pipeline.transcript import Word

MIN_UNIT_WORDS = 6
MAX_UNIT_WORDS = 40
UNIT_PAUSE_SECONDS = 0.4  # a silence this long ends a unit in unpunctuated speech
_MERGE_PAUSE_SECONDS = 2.0  # a short unit joins the next one unless a long silence parts them
_REDUNDANCY_WEIGHT = 0.4
_FULL_UNIT_CONTENT_WORDS = 5  # fewer content words than this and a unit says too little
_CLARITY_WEIGHT = 2.0


@dataclass(frozen=True)
class Unit:
    words: tuple[Word, ...]  # never empty

    @property
    def text(self) -> str:
        return " ".join(word.word for word in self.words)

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end

    @property
    def clarity(self) -> float:
        """How surely the unit was heard: its words' mean confidence, 1 when none was given."""
        return statistics.fmean(sureness(word) for word in self.words)


def speech_units(words: Sequence[Word]) -> list[Unit]:
    """Sentences, or pause-split stretches, of `words` (time-ordered), each of a readable size."""
    if not words:
        return []
    punctuated = looks_punctuated([word.word for word in words])
    groups: list[list[Word]] = [[words[0]]]
    for previous, word in itertools.pairwise(words):
        if _ends_unit(previous, word, punctuated):
            groups.append([])
        groups[-1].append(word)
    sized = [piece for group in _merge_short(groups) for piece in _split_long(group)]
    return [Unit(tuple(group)) for group in sized]


def _ends_unit(previous: Word, following: Word, punctuated: bool) -> bool:
    if punctuated:
        return ends_sentence(previous.word)
    return following.start - previous.end >= UNIT_PAUSE_SECONDS


def _merge_short(groups: list[list[Word]]) -> list[list[Word]]:
    merged: list[list[Word]] = []
    for group in groups:
        if (
            merged
            and len(merged[-1]) < MIN_UNIT_WORDS
            and group[0].start - merged[-1][-1].end < _MERGE_PAUSE_SECONDS
        ):
            merged[-1] = merged[-1] + group
        else:
            merged.append(group)
    return merged


def _split_long(group: list[Word]) -> list[list[Word]]:
    """Halve an over-long unit where the speaker paused longest (or a clause ended)."""
    if len(group) <= MAX_UNIT_WORDS:
        return [group]
    cut = max(
        range(MIN_UNIT_WORDS, len(group) - MIN_UNIT_WORDS + 1),
        key=lambda index: (
            group[index].start
            - group[index - 1].end
            + (1.0 if ends_clause(group[index - 1].word) else 0.0)
            # among equal places, the one nearest the middle gives two readable halves
            - abs(index - len(group) / 2) / len(group)
        ),
    )
    return _split_long(group[:cut]) + _split_long(group[cut:])


def units_between(units: Sequence[Unit], start: float, end: float) -> Sequence[Unit]:
    """The units (in spoken order) that start in [start, end)."""
    starts = [unit.start for unit in units]
    return units[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def summarize(units: Sequence[Unit], count: int) -> list[Unit]:
    """At most `count` units that together best stand for all of `units`, in spoken order."""
    vectors = _tf_idf([unit.text for unit in units])
    centroid: defaultdict[str, float] = defaultdict(float)
    for vector in vectors:
        length = norm(vector)
        for key, weight in vector.items():
            centroid[key] += weight / length
    # Misheard sentences read badly and may say something false: the clearest are preferred.
    relevance = [
        cosine(vector, centroid)
        * min(1.0, len(vector) / _FULL_UNIT_CONTENT_WORDS)
        * unit.clarity**_CLARITY_WEIGHT
        for vector, unit in zip(vectors, units, strict=True)
    ]
    chosen: list[int] = []
    candidates = [index for index, vector in enumerate(vectors) if vector]
    while candidates and len(chosen) < count:
        best = max(
            candidates,
            key=lambda index: (
                relevance[index]
                - _REDUNDANCY_WEIGHT
                * max((cosine(vectors[index], vectors[other]) for other in chosen), default=0.0)
            ),
        )
        chosen.append(best)
        candidates.remove(best)
    return [units[index] for index in sorted(chosen)]


def _tf_idf(texts: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(content_stems(text)) for text in texts]
    document_frequency: Counter[str] = Counter()
    for bag in bags:
        document_frequency.update(bag.keys())
    size = len(bags)
    return [
        {
            key: count * (math.log((1 + size) / (1 + document_frequency[key])) + 1.0)
            for key, count in bag.items()
        }
        for bag in bags
    ]
