"""What a transcript says about how surely each word was heard, for checking drafted text."""

import re
from collections import Counter
from typing import Any

# Below this, pocketsphinx's posterior means a guess: most misheard words on the flite video
# score under it, most right ones above.
LOW_CONFIDENCE = 0.5


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def singular(word: str) -> str:
    return word.removesuffix("s")


def doubtful_words(segments: list[dict[str, Any]]) -> set[str]:
    """Words said once in the whole transcript, and then with low confidence."""
    heard = [word for segment in segments for word in segment["words"]]
    counts = Counter(spelling for word in heard for spelling in words_of(word["word"]))
    return {
        spelling
        for word in heard
        if word.get("confidence") is not None and word["confidence"] < LOW_CONFIDENCE
        for spelling in words_of(word["word"])
        if counts[spelling] == 1
    }
