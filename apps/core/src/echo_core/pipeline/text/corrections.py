"""Misheard words the creator corrected in the transcript, carried into texts drafted from it.

A word counts as corrected when the edit replaced it, word for word, and it is no longer
heard anywhere in the edited transcript: the creator fixed a mishearing everywhere (find and
replace), rather than rewording one sentence. Texts written from the transcript (the show
notes) then get the same correction wherever the misheard word stands as a whole word.
"""

import re
from difflib import SequenceMatcher

from echo_core.pipeline.transcript import Transcript

_EDGE_PUNCTUATION = ".,;:!?\"'()[]\u2026\u201c\u201d\u2018\u2019"


def corrected_words(before: Transcript, after: Transcript) -> dict[str, str]:
    """{misheard spelling: corrected spelling}, both without the punctuation around them."""
    old = [_bare(word) for segment in before.segments for word in segment.text.split()]
    new = [_bare(word) for segment in after.segments for word in segment.text.split()]
    still_heard = set(new)
    corrections: dict[str, str] = {}
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag != "replace" or old_end - old_start != new_end - new_start:
            continue
        for misheard, corrected in zip(old[old_start:old_end], new[new_start:new_end], strict=True):
            if misheard and corrected and misheard not in still_heard:
                corrections.setdefault(misheard, corrected)
    return corrections


def apply_corrections(text: str, corrections: dict[str, str]) -> str:
    if not corrections:
        return text
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(map(re.escape, sorted(corrections, key=len, reverse=True)))
        + r")(?!\w)"
    )
    return pattern.sub(lambda match: corrections[match.group(1)], text)


def _bare(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION)
