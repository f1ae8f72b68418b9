"""Sentences for a transcript whose engine writes none (pocketsphinx gives lower-case words
without punctuation): each sentence gets a capital, "I" its capital, and a full stop.

Where a sentence ends is read from the pauses and the lengths. A dynamic programme over the
words weighs every possible end by how clear the pause after it is (on a log scale: a pause
of 0.1 s after none at all is as telling as 0.5 s after 0.1 s) and by whether the word leads
into what follows ("the", "and"), and every sentence by its length. So sentences end at the
clearest pauses while staying between a few words and a few dozen, even for a voice that
barely pauses. Words keep their times and confidences; only their spelling changes, so the
subtitles, the chapters, the texts and the page all read the same sentences.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

from echo_core.pipeline.text.punctuation import ends_sentence, looks_punctuated
from echo_core.pipeline.text.stopwords import BINDING_WORDS
from echo_core.pipeline.text.wording import with_capital_i
from echo_core.pipeline.transcript import Segment, Transcript, Word

SHORTEST_SENTENCE_WORDS = 4
LONGEST_SENTENCE_WORDS = 40
_COMFORTABLE_WORDS = 15  # beyond this every word makes a sentence a little harder to read
_SHORT_COST_PER_WORD = 0.7
_LONG_COST_PER_WORD = 0.08
_LONG_SILENCE_SECONDS = 1.5  # no sentence runs across a silence this long
_CLEAR_PAUSE_SECONDS = 0.5  # a pause this long ends a sentence as surely as a full stop
_PAUSE_SCALE_SECONDS = 0.02  # the shortest pause a recognizer marks, about
_NO_PAUSE_COST = 1.5
_CLEAR_PAUSE_REWARD = 1.0
_LEADING_WORD_COST = 1.0  # a sentence ending on "the" or "and" is cut mid-thought


def written_sentences(transcript: Transcript) -> Transcript:
    """`transcript` cut into written sentences, a segment each; unchanged when its engine
    punctuates already, or when some of its text has no word timings to place a cut by."""
    words = sorted(transcript.words, key=lambda word: word.start)
    if (
        not words
        or looks_punctuated([word.word for word in words])
        or any(segment.text.strip() and not segment.words for segment in transcript.segments)
    ):
        return transcript
    sentences = [sentence for stretch in _stretches(words) for sentence in _sentences(stretch)]
    return replace(transcript, segments=tuple(_written(sentence) for sentence in sentences))


def _stretches(words: Sequence[Word]) -> list[Sequence[Word]]:
    """The words between long silences."""
    starts = [
        index
        for index in range(1, len(words))
        if _pause(words[index - 1], words[index]) >= _LONG_SILENCE_SECONDS
    ]
    bounds = [0, *starts, len(words)]
    return [words[first:last] for first, last in itertools.pairwise(bounds)]


def _sentences(words: Sequence[Word]) -> list[Sequence[Word]]:
    """The cheapest cut of a stretch into sentences."""
    count = len(words)
    best = [0.0] + [math.inf] * count
    came_from = [0] * (count + 1)
    for end in range(1, count + 1):
        ending = 0.0 if end == count else _end_cost(words[end - 1], words[end])
        for start in range(max(0, end - LONGEST_SENTENCE_WORDS), end):
            cost = best[start] + _length_cost(end - start) + ending
            if cost < best[end]:
                best[end], came_from[end] = cost, start
    cuts = [count]
    while cuts[-1] > 0:
        cuts.append(came_from[cuts[-1]])
    cuts.reverse()
    return [words[first:last] for first, last in itertools.pairwise(cuts)]


def _end_cost(last: Word, following: Word) -> float:
    """What ending a sentence between the two words costs: much with no pause, less than
    nothing at a clear one."""
    pause = _pause(last, following)
    clarity = min(
        1.0,
        math.log1p(pause / _PAUSE_SCALE_SECONDS)
        / math.log1p(_CLEAR_PAUSE_SECONDS / _PAUSE_SCALE_SECONDS),
    )
    cost = _NO_PAUSE_COST * (1.0 - clarity) - _CLEAR_PAUSE_REWARD * clarity
    if last.word.lower() in BINDING_WORDS:
        cost += _LEADING_WORD_COST
    return cost


def _length_cost(count: int) -> float:
    if count < SHORTEST_SENTENCE_WORDS:
        return _SHORT_COST_PER_WORD * (SHORTEST_SENTENCE_WORDS - count)
    return _LONG_COST_PER_WORD * max(0, count - _COMFORTABLE_WORDS)


def _pause(before: Word, after: Word) -> float:
    return max(0.0, after.start - before.end)


def _written(sentence: Sequence[Word]) -> Segment:
    spellings = [with_capital_i(word.word) for word in sentence]
    spellings[0] = spellings[0][:1].upper() + spellings[0][1:]
    if not ends_sentence(spellings[-1]):
        spellings[-1] += "."
    words = tuple(
        replace(word, word=spelling) for word, spelling in zip(sentence, spellings, strict=True)
    )
    return Segment(words[0].start, words[-1].end, " ".join(spellings), words)
