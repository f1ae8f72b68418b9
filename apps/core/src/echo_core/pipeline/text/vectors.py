"""Bags of words as sparse vectors, compared by cosine similarity."""

import math
from collections.abc import Mapping

Vector = Mapping[str, float]


def cosine(first: Vector, second: Vector) -> float:
    """0.0 when either bag is empty: nothing said means nothing in common."""
    if len(first) > len(second):
        first, second = second, first
    dot = sum(weight * second.get(key, 0.0) for key, weight in first.items())
    if dot == 0.0:
        return 0.0
    return dot / (norm(first) * norm(second))


def norm(vector: Vector) -> float:
    return math.sqrt(sum(weight * weight for weight in vector.values()))
