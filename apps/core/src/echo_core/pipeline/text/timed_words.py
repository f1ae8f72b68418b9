"""The spoken words of a transcript, cleaned and in time order, whatever the engine produced.

Engines differ: Whisper words carry leading spaces and punctuation, pocketsphinx marks
alternative pronunciations as "word(2)" and may emit silence or noise markers, and some
segments come without word timings at all. Subtitles and chapters both start from here.
"""

import re
from dataclasses import replace

from echo_core.pipeline.transcript import Segment, Transcript, Word

_PRONUNCIATION_VARIANT = re.compile(r"\(\d+\)$")
_NON_SPEECH = re.compile(r"^(?:<[^>]*>|\[[^\]]*\]|\([^)]*\))$")  # <sil>, [NOISE], (breath)
_CLOSING_PUNCTUATION = frozenset(".,!?;:\u2026)]}\"'\u00bb\u201d\u2019")


def spoken_words(transcript: Transcript, duration_seconds: float) -> list[Word]:
    """Words inside [0, duration], sorted by start, each ending before the next one starts."""
    words: list[Word] = []
    for segment in transcript.segments:
        for word in _timed(segment):
            text = _clean(word.word)
            if not text or word.start >= duration_seconds:
                continue
            if words and all(character in _CLOSING_PUNCTUATION for character in text):
                # A lone "." or "?" ends the sentence of the word it follows: keep it there.
                words[-1] = replace(words[-1], word=words[-1].word + text)
                continue
            start = max(0.0, word.start)
            end = min(max(word.end, start), duration_seconds)
            words.append(replace(word, word=text, start=start, end=end))
    if not words:
        return []
    words.sort(key=lambda word: (word.start, word.end))
    next_starts = [*(word.start for word in words[1:]), duration_seconds]
    return [
        replace(word, end=max(word.start, min(word.end, next_start)))
        for word, next_start in zip(words, next_starts, strict=True)
    ]


def _timed(segment: Segment) -> tuple[Word, ...]:
    """The segment's words; spread evenly over the segment when the engine gave no timings."""
    if segment.words:
        return segment.words
    texts = segment.text.split()
    if not texts:
        return ()
    step = max(segment.end - segment.start, 0.0) / len(texts)
    return tuple(
        Word(text, segment.start + index * step, segment.start + (index + 1) * step)
        for index, text in enumerate(texts)
    )


def _clean(raw: str) -> str:
    text = raw.strip()
    if _NON_SPEECH.match(text):
        return ""
    return _PRONUNCIATION_VARIANT.sub("", text)
