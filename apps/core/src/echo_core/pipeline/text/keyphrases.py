"""The phrases a stretch of speech is about, ranked.

Candidates are runs of content words between stop words and punctuation (as in RAKE); a word
heard once and unsure (see `hearing`) breaks a run as a stop word does, and so does a verb
after "we" or "can". Only the last one to three words of a run are candidates ("large pot",
"pot", never "large"), as English puts the word a phrase is about last. A phrase scores by
how often it was heard, each hearing weighted by the recognizer's confidence, times how
telling its words are: rare in everyday English (`word_rarity`), and specific to this text
within a collection of texts (an inverse document frequency, when one is given), so words
said everywhere in the collection, like a chapter's share of the video's general subject,
rank below the ones that set it apart. Longer phrases get a small bonus: they name things
more precisely.
"""

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.hearing import Hearing, sureness
from echo_core.pipeline.text.stopwords import VERB_LEADS
from echo_core.pipeline.text.tokens import content_stems, is_content_word, stem, written_tokens
from echo_core.pipeline.transcript import Word

MAX_PHRASE_WORDS = 3
# "olive oil" said six times beats "oil" said six times, but not "pasta" said twenty times.
_BONUS_PER_EXTRA_WORD = 0.25
_PHRASE_BREAK = re.compile(r"[.,!?;:\u2026()\[\]{}\"\u201c\u201d\u00ab\u00bb]+")


@dataclass(frozen=True)
class Keyphrase:
    text: str  # the phrase as it was most often said or written
    stems: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class _Occurrence:
    stems: tuple[str, ...]
    spelling: str
    weight: float  # the confidence of its least sure word
    rarity: float  # the mean rarity of its words


def keyphrases(
    pieces: Sequence[Sequence[Word]],
    hearing: Hearing,
    collection: Sequence[Sequence[Word]] = (),
    limit: int = 10,
) -> list[Keyphrase]:
    """The best phrases of the text made of `pieces` (sentences or pause-split units, which
    no phrase crosses), judged against `collection`, none repeating another's words."""
    weights: defaultdict[tuple[str, ...], float] = defaultdict(float)
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    rarities: dict[tuple[str, ...], float] = {}
    for piece in pieces:
        for occurrence in _candidates(piece, hearing):
            weights[occurrence.stems] += occurrence.weight
            spellings.setdefault(occurrence.stems, Counter())[occurrence.spelling] += 1
            rarities.setdefault(occurrence.stems, occurrence.rarity)
    specificity = _inverse_document_frequency(collection)
    scored = [
        Keyphrase(
            text=spellings[stems].most_common(1)[0][0],
            stems=stems,
            score=weight
            * rarities[stems]
            * statistics.fmean(specificity(one) for one in stems)
            * (1 + _BONUS_PER_EXTRA_WORD * (len(stems) - 1)),
        )
        for stems, weight in weights.items()
    ]
    # Ties keep first-said order (dicts and sorted() are both stable), so results are repeatable.
    scored.sort(key=lambda phrase: -phrase.score)
    return _distinct(scored, limit)


def _candidates(piece: Sequence[Word], hearing: Hearing) -> Iterator[_Occurrence]:
    run: list[tuple[str, Word]] = []
    previous = ""
    for word in piece:
        for index, chunk in enumerate(_PHRASE_BREAK.split(word.word)):
            if index:  # punctuation stood between the chunks
                yield from _ngrams(run, hearing)
                run = []
            for token in written_tokens(chunk):
                lower = token.lower()
                if (
                    is_content_word(lower)
                    and lower not in hearing.doubtful
                    and previous not in VERB_LEADS
                ):
                    run.append((token, word))
                else:
                    yield from _ngrams(run, hearing)
                    run = []
                previous = lower
    yield from _ngrams(run, hearing)


def _ngrams(run: list[tuple[str, Word]], hearing: Hearing) -> Iterator[_Occurrence]:
    # English puts the word a phrase names last ("large pot"): every candidate ends the run.
    for size in range(1, min(MAX_PHRASE_WORDS, len(run)) + 1):
        tokens = [token for token, _ in run[-size:]]
        stems = tuple(stem(token.lower()) for token in tokens)
        if len(set(stems)) < size:  # "pasta pasta" is a stutter, not a phrase
            continue
        yield _Occurrence(
            stems=stems,
            spelling=" ".join(tokens),
            weight=min(sureness(word) for _, word in run[-size:]),
            rarity=statistics.fmean(hearing.rarity(token) for token in tokens),
        )


def _inverse_document_frequency(collection: Sequence[Sequence[Word]]) -> Callable[[str], float]:
    document_frequency: Counter[str] = Counter()
    for text in collection:
        document_frequency.update({one for word in text for one in content_stems(word.word)})
    size = len(collection)

    def specificity(one_stem: str) -> float:
        # Smoothed as in scikit-learn: never zero, 1.0 for a word found in every text.
        return math.log((1 + size) / (1 + document_frequency[one_stem])) + 1.0

    return specificity


def _distinct(ranked: list[Keyphrase], limit: int) -> list[Keyphrase]:
    """Skip a phrase whose words are all inside a better one ("tomato" after "tomato plants"),
    that only adds words to a better one ("healthy tomato plants"), or that shares most of
    its words with one ("hot cast iron" after "cast iron pot"); "tomato sauce" and "tomato
    plants" are two things."""
    chosen: list[Keyphrase] = []
    for phrase in ranked:
        words = set(phrase.stems)
        if any(
            2 * len(words & set(better.stems)) > min(len(words), len(better.stems))
            for better in chosen
        ):
            continue
        chosen.append(phrase)
        if len(chosen) == limit:
            break
    return chosen
