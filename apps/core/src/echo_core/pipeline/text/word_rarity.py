"""How rare a word is in everyday English, from the language model inside the pocketsphinx wheel.

A rare word ("mulch", "telescope") says more about what a video is about than a common one
("water", "week"), even when it is said only once, as happens in short chapters. The
recognizer's unigram probabilities measure that for about 130,000 English words, already
installed and memory-mapped, so it costs no download and little memory.
"""

import functools
import math
import os
import threading
from collections.abc import Callable

import pocketsphinx

# Rarity in nats, -ln P(word): "the" is about 3, "water" 8.5, "mulch" 14.7. Words the model
# does not know (names, jargon, other spellings) count as rare as its rarest.
_RAREST = 16.0
_LOG_BASE = math.log(1.0001)  # the model's scores are logarithms to base 1.0001
_lock = threading.Lock()  # the model is not documented as safe for concurrent lookups
Rarity = Callable[[str], float]


def rarity_for(language: str | None) -> Rarity:
    """The rarity of words in `language`; every word alike when it is not English, since
    the model only knows English."""
    if language is None or language.lower().split("-")[0] == "en":
        return english_rarity
    return _alike


@functools.lru_cache(maxsize=65536)
def english_rarity(word: str) -> float:
    with _lock:
        score = int(_model().prob([word.lower()]))
    return min(_RAREST, -score * _LOG_BASE)


def _alike(_word: str) -> float:
    return 1.0


@functools.cache
def _model() -> pocketsphinx.NGramModel:
    path = os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin")
    return pocketsphinx.NGramModel.readfile(path)
