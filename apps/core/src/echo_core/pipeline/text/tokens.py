"""Words out of free text, and a light stemmer so "plants", "planting" and "planted" count once."""

import re

from echo_core.pipeline.text.stopwords import STOP_WORDS

# Letters and digits, with apostrophes inside ("don't", "o'clock") and hyphens inside
# ("well-known"); curly apostrophes are folded first so both spellings match the stop list.
_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_MIN_CONTENT_CHARS = 2


def written_tokens(text: str) -> list[str]:
    """The words of `text` as written, punctuation dropped."""
    return _TOKEN.findall(text.replace("\u2019", "'"))


def tokens(text: str) -> list[str]:
    """The words of `text`, lower-cased, punctuation dropped."""
    return written_tokens(text.lower())


def is_content_word(token: str) -> bool:
    """A word that can say what a stretch of speech is about."""
    return (
        len(token) >= _MIN_CONTENT_CHARS
        and token not in STOP_WORDS
        and not token.replace("-", "").isdigit()
    )


def stem(token: str) -> str:
    """Strip common English inflections; good enough to group forms, not a dictionary form."""
    word = token.removesuffix("'s")
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "zes", "ches", "shes", "oes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = _undouble(word[: -len(suffix)])
            break
    # "bake" and "baking" both become "bak"; the stem is only ever compared, never shown.
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    """ "stopp" -> "stop", but "fall" and "pass" keep their letters."""
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


def content_stems(text: str) -> list[str]:
    return [stem(token) for token in tokens(text) if is_content_word(token)]
