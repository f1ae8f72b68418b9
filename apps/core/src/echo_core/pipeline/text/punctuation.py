"""Where a written word ends a sentence or a clause, for engines that punctuate (Whisper)."""

import re
from collections.abc import Sequence

# The mark may sit inside closing quotes or brackets: 'said "go."' ends a sentence too.
_CLOSERS = "[\"')\\]\u00bb\u201d\u2019]*"
_SENTENCE_END = re.compile(r"[.!?\u2026]" + _CLOSERS + "$")
_CLAUSE_END = re.compile(r"[,;:\u2014]" + _CLOSERS + "$")
_WORDS_PER_SENTENCE_END = 60  # punctuated engines end a sentence far more often than this


def ends_sentence(word: str) -> bool:
    return _SENTENCE_END.search(word) is not None


def ends_clause(word: str) -> bool:
    return _CLAUSE_END.search(word) is not None


def looks_punctuated(words: Sequence[str]) -> bool:
    """Whether the engine that wrote `words` punctuates: pocketsphinx never does, and a stray
    "." in an unpunctuated transcript (a spoken "e.g.") does not make it punctuated."""
    sentence_ends = sum(1 for word in words if ends_sentence(word))
    return sentence_ends > 0 and sentence_ends * _WORDS_PER_SENTENCE_END >= len(words)
