"""The phrases a stretch of speech is about, ranked.

Candidates are runs of up to three content words between stop words and punctuation (as in
RAKE). A phrase scores by how often it is said times how specific its words are (an inverse
document frequency over a collection of texts, when one is given), so words said everywhere
in the collection, like a chapter's share of the video's general subject, rank below the
ones that set it apart. Longer phrases get a small bonus: they name things more precisely.
"""

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.tokens import content_stems, is_content_word, stem, written_tokens

MAX_PHRASE_WORDS = 3
_MIN_REPEATS_OF_LONG_PHRASE = 2  # a multi-word phrase said once is usually a chance pairing
# "olive oil" said six times beats "oil" said six times, but not "pasta" said twenty times.
_BONUS_PER_EXTRA_WORD = 0.25
_PHRASE_BREAK = re.compile(r"[.,!?;:\u2026()\[\]{}\"\u201c\u201d\u00ab\u00bb]+")


@dataclass(frozen=True)
class Keyphrase:
    text: str  # the phrase as it was most often said or written
    stems: tuple[str, ...]
    score: float


def keyphrases(
    pieces: Sequence[str], collection: Sequence[str] = (), limit: int = 10
) -> list[Keyphrase]:
    """The best phrases of the text made of `pieces` (sentences or pause-split units, which
    no phrase crosses), judged against `collection`, none repeating another's words."""
    counts: Counter[tuple[str, ...]] = Counter()
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for piece in pieces:
        for stems, spelling in _candidates(piece):
            counts[stems] += 1
            spellings.setdefault(stems, Counter())[spelling] += 1
    specificity = _inverse_document_frequency(collection)
    scored = [
        Keyphrase(
            text=spellings[stems].most_common(1)[0][0],
            stems=stems,
            score=count
            * statistics.fmean(specificity(one) for one in stems)
            * (1 + _BONUS_PER_EXTRA_WORD * (len(stems) - 1)),
        )
        for stems, count in counts.items()
        if len(stems) == 1 or count >= _MIN_REPEATS_OF_LONG_PHRASE
    ]
    # Ties keep first-said order (dicts and sorted() are both stable), so results are repeatable.
    scored.sort(key=lambda phrase: -phrase.score)
    return _distinct(scored, limit)


def _candidates(piece: str) -> Iterator[tuple[tuple[str, ...], str]]:
    for chunk in _PHRASE_BREAK.split(piece):
        run: list[str] = []
        for token in [*written_tokens(chunk), ""]:  # the empty token closes the last run
            if token and is_content_word(token.lower()):
                run.append(token)
                continue
            yield from _ngrams(run)
            run = []


def _ngrams(run: list[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    for size in range(1, min(MAX_PHRASE_WORDS, len(run)) + 1):
        for first in range(len(run) - size + 1):
            words = run[first : first + size]
            stems = tuple(stem(word.lower()) for word in words)
            if len(set(stems)) == size:  # "pasta pasta" is a stutter, not a phrase
                yield stems, " ".join(words)


def _inverse_document_frequency(collection: Sequence[str]) -> Callable[[str], float]:
    document_frequency: Counter[str] = Counter()
    for text in collection:
        document_frequency.update(set(content_stems(text)))
    size = len(collection)

    def specificity(one_stem: str) -> float:
        # Smoothed as in scikit-learn: never zero, 1.0 for a word found in every text.
        return math.log((1 + size) / (1 + document_frequency[one_stem])) + 1.0

    return specificity


def _distinct(ranked: list[Keyphrase], limit: int) -> list[Keyphrase]:
    """Skip a phrase whose words are all inside a better one ("tomato" after "tomato plants")
    or that only adds words to a better one ("healthy tomato plants")."""
    chosen: list[Keyphrase] = []
    for phrase in ranked:
        words = set(phrase.stems)
        if any(words <= set(better.stems) or words >= set(better.stems) for better in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == limit:
            break
    return chosen
