"""Word error rate: how far a recognizer's words are from what was really said."""

import re

# Apostrophes stay ("don't" is one word to a recognizer); other punctuation goes.
_NOT_WORD = re.compile(r"[^\w']+")


def normalized_words(text: str) -> list[str]:
    return [word.strip("'") for word in _NOT_WORD.split(text.lower()) if word.strip("'")]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / words in the reference."""
    expected = normalized_words(reference)
    heard = normalized_words(hypothesis)
    if not expected:
        return 0.0 if not heard else 1.0
    # One row of the Levenshtein table at a time, over words instead of characters.
    previous = list(range(len(heard) + 1))
    for row, expected_word in enumerate(expected, start=1):
        current = [row]
        for column, heard_word in enumerate(heard, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (expected_word != heard_word),
                )
            )
        previous = current
    return previous[-1] / len(expected)
