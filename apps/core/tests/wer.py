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


def aligned_positions(reference: list[str], hypothesis: list[str]) -> dict[int, int]:
    """For each reference word that the hypothesis has (right or misheard), its position
    there, from the same alignment the error rate counts."""
    rows, columns = len(reference) + 1, len(hypothesis) + 1
    cost = [[0] * columns for _ in range(rows)]
    for row in range(rows):
        cost[row][0] = row
    for column in range(columns):
        cost[0][column] = column
    for row in range(1, rows):
        for column in range(1, columns):
            cost[row][column] = min(
                cost[row - 1][column] + 1,
                cost[row][column - 1] + 1,
                cost[row - 1][column - 1] + (reference[row - 1] != hypothesis[column - 1]),
            )
    positions: dict[int, int] = {}
    row, column = rows - 1, columns - 1
    while row and column:
        paired = cost[row - 1][column - 1] + (reference[row - 1] != hypothesis[column - 1])
        if cost[row][column] == paired:
            positions[row - 1] = column - 1
            row, column = row - 1, column - 1
        elif cost[row][column] == cost[row - 1][column] + 1:
            row -= 1
        else:
            column -= 1
    return positions
