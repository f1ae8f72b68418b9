"""Turning transcript fragments into text a reader expects: Title Case, sentences, lists."""

import re
from collections.abc import Sequence

from echo_core.pipeline.text.punctuation import ends_sentence
from echo_core.pipeline.text.stopwords import MINOR_TITLE_WORDS

_FILLERS = re.compile(r"\b(?:um+|uh+|uhm|erm?|hmm+|mm+)\b[,.]?\s*", re.IGNORECASE)
_REPEATED_WORD = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.IGNORECASE)
_LONE_I = re.compile(r"\bi\b(?!\.\w)")  # "i" and "i'm", not "i.e."


def title_case(phrase: str) -> str:
    words = phrase.split()
    return " ".join(
        _title_word(word, is_edge=index in (0, len(words) - 1)) for index, word in enumerate(words)
    )


def _title_word(word: str, is_edge: bool) -> str:
    if any(character.isupper() for character in word[1:]):
        return word  # "NASA", "iPhone": the speaker's own capitals are deliberate
    if not is_edge and word.lower() in MINOR_TITLE_WORDS:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def as_sentence(fragment: str) -> str:
    """A transcript fragment as a written sentence: no "um", capitalised, punctuated."""
    text = _FILLERS.sub("", fragment)
    text = _REPEATED_WORD.sub(r"\1", text)
    text = with_capital_i(" ".join(text.split()))
    text = text.strip(" ,;:-")
    if not text:
        return ""
    if not ends_sentence(text):
        text += "."
    return text[0].upper() + text[1:]


def with_capital_i(text: str) -> str:
    """ "i think i'm late" -> "I think I'm late"."""
    return _LONE_I.sub("I", text)


def join_phrases(phrases: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(phrases) <= 2:
        return " and ".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]
