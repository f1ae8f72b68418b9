"""Chapters from a timed transcript: where the talk moves on to another topic.

Speech on one topic keeps reusing its own words. So the video is cut where that is most
true: each possible chapter is scored by how probable its content words (stop words
dropped, stemmed) are under a word distribution of its own, and dynamic programming finds
the cuts with the lowest total cost, each chapter paying a fixed price (the segmentation
model of Utiyama and Isahara, 2001, with the Bayesian marginal likelihood in place of
add-one estimates). Unlike picking the deepest dips of a similarity curve one at a time
(TextTiling), this weighs the whole video at once and decides the number of chapters by
itself: a talk that stays on one topic gets none.

A chapter can start only at the clearest pause of every few seconds, and starting where that
pause is slight costs extra, so chapters start between sentences. YouTube's rules are built
in: the first chapter at 0:00, at least three, each at least 10 s, none at all when the video
cannot hold three. Starts are whole seconds, as YouTube writes them, so the rules hold for
exactly what is published.
"""

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.engine import ChapterDraft
from echo_core.pipeline.text.hearing import hearing_of
from echo_core.pipeline.text.punctuation import ends_sentence
from echo_core.pipeline.text.timed_words import spoken_words
from echo_core.pipeline.text.tokens import is_content_word, stem, tokens
from echo_core.pipeline.text.topic_titles import topic_titles
from echo_core.pipeline.transcript import Transcript, Word
from echo_core.youtube_rules import MIN_CHAPTER_SECONDS, MIN_CHAPTERS

MIN_CONTENT_WORDS_PER_CHAPTER = 15  # fewer and there is nothing to tell topics apart by
_SHORTEST_SHARE_OF_DURATION = 1 / 40  # an hour-long talk gets chapters of 90 s at least
_CANDIDATES_PER_VIDEO = 600  # bounds the work: the search is quadratic in candidates
_SENTENCE_END_BONUS_SECONDS = 0.5  # a sentence end counts as this much extra pause
_CLEAR_PAUSE_SECONDS = 0.5  # a pause (or sentence end) this clear costs nothing to start at
_UNCLEAR_CUT_NATS = 5.0  # starting mid-flow costs about as much as a chapter itself
# A silence of seconds is how produced videos mark a new section: evidence in its own right.
_LONG_SILENCE_SECONDS = (1.5, 3.0)  # from no evidence at all to the most it can give
_LONG_SILENCE_NATS = 2.0


@dataclass(frozen=True)
class _Cut:
    second: float  # where a chapter would start; the last cut is the end of the video
    hesitation: float  # extra cost, in nats, of starting a chapter here: 0 at a clear pause


# For each cut j: (i, cost) for every earlier cut i a chapter from i to j can start at.
_Costs = Sequence[Sequence[tuple[int, float]]]


@dataclass(frozen=True)
class _Term:
    time: float  # when its word starts: the same rule that assigns words to chapters
    stem: str


def find_chapters(transcript: Transcript, duration_seconds: float) -> list[ChapterDraft]:
    if duration_seconds < MIN_CHAPTERS * MIN_CHAPTER_SECONDS:
        return []
    words = spoken_words(transcript, duration_seconds)
    terms = [
        _Term(word.start, stem(token))
        for word in words
        for token in tokens(word.word)
        if is_content_word(token)
    ]
    if len(terms) < MIN_CHAPTERS * MIN_CONTENT_WORDS_PER_CHAPTER:
        return []
    shortest = max(MIN_CHAPTER_SECONDS, duration_seconds * _SHORTEST_SHARE_OF_DURATION)
    cuts = _candidate_cuts(words, duration_seconds)
    costs = _segment_costs(cuts, terms, shortest)
    starts = _cheapest_starts(cuts, costs, len(terms), most_chapters(duration_seconds))
    if len(starts) < MIN_CHAPTERS:
        return []
    return _drafts(starts, words, duration_seconds, transcript.language)


def most_chapters(duration_seconds: float) -> int:
    """Beyond the three YouTube asks for, one chapter a minute over the first ten minutes,
    then one per three minutes: long videos are navigated by section, not by anecdote."""
    minutes = duration_seconds / 60
    return MIN_CHAPTERS + int(min(minutes, 10.0) + max(0.0, minutes - 10.0) / 3)


def _candidate_cuts(words: Sequence[Word], duration: float) -> list[_Cut]:
    """The start, the clearest pause of every few seconds, and the end.

    A chapter starts on the whole second before the word after the pause, and only where
    such a second falls after the previous word began, so no word is cut off its chapter.
    """
    step = max(2, math.ceil(duration / _CANDIDATES_PER_VIDEO))
    best: dict[int, _Cut] = {}
    for previous, word in itertools.pairwise(words):
        second = math.floor(word.start)
        bucket = second // step  # whole-second buckets, so no two candidates share a second
        cut = _Cut(second, _hesitation(previous, word))
        if previous.start < second and (
            bucket not in best or cut.hesitation < best[bucket].hesitation
        ):
            best[bucket] = cut
    return [_Cut(0, 0.0), *sorted(best.values(), key=lambda cut: cut.second), _Cut(duration, 0.0)]


def _hesitation(previous: Word, following: Word) -> float:
    """What starting a chapter between the two words costs: much mid-flow, nothing at a
    clear pause or sentence end, and less than nothing after a long silence."""
    pause = following.start - previous.end
    clarity = pause + (_SENTENCE_END_BONUS_SECONDS if ends_sentence(previous.word) else 0.0)
    if clarity < _CLEAR_PAUSE_SECONDS:
        return _UNCLEAR_CUT_NATS * (1.0 - clarity / _CLEAR_PAUSE_SECONDS)
    silent, longest = _LONG_SILENCE_SECONDS
    return -_LONG_SILENCE_NATS * min(1.0, max(0.0, (pause - silent) / (longest - silent)))


def _segment_costs(cuts: Sequence[_Cut], terms: Sequence[_Term], shortest: float) -> _Costs:
    """For each cut j, (i, cost) for every earlier cut i far enough away: the cost in nats of
    the terms between them under a word distribution of their own, with a uniform prior
    over the talk's vocabulary V (the Dirichlet-multinomial marginal likelihood):
    log Γ(n + V) - log Γ(V) - Σ_w log c(w)!, plus the hesitation of starting at cut i."""
    times = [term.time for term in terms]
    bounds = [bisect.bisect_left(times, cut.second) for cut in cuts]
    vocabulary = len({term.stem for term in terms})
    # log c! grows by log(c + 1) with each repeat: repeated words make a segment cheap.
    repeat = [math.log(seen + 1) for seen in range(len(terms))]
    costs: list[list[tuple[int, float]]] = [[] for _ in cuts]
    for first in range(len(cuts) - 1):
        counts: Counter[str] = Counter()
        repeats = 0.0
        for last in range(first + 1, len(cuts)):
            for term in terms[bounds[last - 1] : bounds[last]]:
                repeats += repeat[counts[term.stem]]
                counts[term.stem] += 1
            if cuts[last].second - cuts[first].second >= shortest:
                size = bounds[last] - bounds[first]
                spread = math.lgamma(size + vocabulary) - math.lgamma(vocabulary)
                costs[last].append((first, spread - repeats + cuts[first].hesitation))
    return costs


def _cheapest_starts(cuts: Sequence[_Cut], costs: _Costs, term_count: int, limit: int) -> list[int]:
    """Chapter starts (whole seconds) of the cheapest segmentation with at most `limit`
    chapters, each chapter priced log(number of terms), Utiyama and Isahara's prior."""
    price = math.log(term_count)
    starts = _cheapest(cuts, costs, price)
    return starts if len(starts) <= limit else _cheapest_within(cuts, costs, price, limit)


def _cheapest(cuts: Sequence[_Cut], costs: _Costs, price: float) -> list[int]:
    """The cheapest segmentation, any number of chapters. One chapter spanning the video
    is always possible: the video is longer than the shortest chapter."""
    best = [0.0] + [math.inf] * (len(cuts) - 1)
    came_from = [0] * len(cuts)
    for end in range(1, len(cuts)):
        for first, cost in costs[end]:
            if best[first] + cost + price < best[end]:
                best[end], came_from[end] = best[first] + cost + price, first
    starts = [came_from[-1]]
    while starts[-1] != 0:
        starts.append(came_from[starts[-1]])
    return [int(cuts[index].second) for index in reversed(starts)]


def _cheapest_within(cuts: Sequence[_Cut], costs: _Costs, price: float, limit: int) -> list[int]:
    """The cheapest segmentation into at most `limit` chapters, counting chapters as it goes
    (slower, so only used when the cheapest one overall has too many)."""
    # best[k][j]: the cheapest way to cover the video up to cuts[j] with exactly k chapters
    best = [[0.0] + [math.inf] * (len(cuts) - 1)]
    came_from = [[0] * len(cuts)]
    for _ in range(limit):
        previous = best[-1]
        best.append([math.inf] * len(cuts))
        came_from.append([0] * len(cuts))
        for end in range(1, len(cuts)):
            for first, cost in costs[end]:
                if previous[first] + cost + price < best[-1][end]:
                    best[-1][end], came_from[-1][end] = previous[first] + cost + price, first
    index, starts = len(cuts) - 1, []
    for chapters in range(min(range(1, limit + 1), key=lambda k: best[k][-1]), 0, -1):
        index = came_from[chapters][index]
        starts.append(index)
    return [int(cuts[index].second) for index in reversed(starts)]


def _drafts(
    starts: Sequence[int], words: Sequence[Word], duration: float, language: str | None
) -> list[ChapterDraft]:
    ends = [*starts[1:], duration]
    word_starts = [word.start for word in words]
    parts = [
        words[bisect.bisect_left(word_starts, start) : bisect.bisect_left(word_starts, end)]
        for start, end in zip(starts, ends, strict=True)
    ]
    # Provisional titles (the text engine names chapters), from what was heard with confidence.
    titles = topic_titles([[part] for part in parts], hearing_of(words, language))
    return [
        ChapterDraft(
            start_seconds=float(start),
            end_seconds=float(end),
            text=" ".join(word.word for word in part),
            title=title,
        )
        for start, end, part, title in zip(starts, ends, parts, titles, strict=True)
    ]
