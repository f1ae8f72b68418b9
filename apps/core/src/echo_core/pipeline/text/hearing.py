"""What the recognizer says about its own words: how surely each was heard, and how telling.

pocketsphinx gives every word a probability. A word it heard once, and then unsure, is more
likely a mishearing ("fillet of mulch" for "a layer of mulch") than a topic, so it never
names one: no title, tag or chapter title holds it. Words said again and again are trusted
even when each hearing was unsure, since a mishearing seldom repeats. Engines that give no
confidence (Whisper here, LLM transcripts) are taken at their word.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.tokens import written_tokens
from echo_core.pipeline.text.word_rarity import Rarity, rarity_for
from echo_core.pipeline.transcript import Word

LOW_CONFIDENCE = 0.5  # most misheard words of the test speech score below, most right ones above


@dataclass(frozen=True)
class Hearing:
    doubtful: frozenset[str]  # lower-case spellings heard once, with low confidence
    rarity: Rarity


def sureness(word: Word) -> float:
    """How much one hearing of `word` counts: its confidence, or 1 when none was given."""
    return 1.0 if word.confidence is None else word.confidence


def hearing_of(words: Sequence[Word], language: str | None) -> Hearing:
    """What is known about `words`, all the words of one transcript."""
    said = Counter(token.lower() for word in words for token in written_tokens(word.word))
    doubtful = frozenset(
        token.lower()
        for word in words
        if word.confidence is not None and word.confidence < LOW_CONFIDENCE
        for token in written_tokens(word.word)
        if said[token.lower()] == 1
    )
    return Hearing(doubtful, rarity_for(language))
