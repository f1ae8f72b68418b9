"""Subtitle cues from word timings, written out as SRT and WebVTT.

Cues follow common broadcast guidelines: at most two lines of 42 characters, at most 7 s on
screen, at least 0.7 s when the next cue leaves room, and about 20 characters per second at
most, which a cue gets by staying up into the silence after it. Where to cut the words into
cues is chosen by dynamic programming over the whole transcript: every cue costs something,
and a cut costs more the worse a place it is (mid-phrase, after "the", no pause), so cues end
at sentence ends and pauses whenever the limits allow.

All timing is done in whole milliseconds, the precision of both formats, so what is checked
here (no overlaps, inside the video) is exactly what is written.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from echo_core.pipeline.text.punctuation import ends_clause, ends_sentence
from echo_core.pipeline.text.stopwords import BINDING_WORDS
from echo_core.pipeline.text.timed_words import spoken_words
from echo_core.pipeline.transcript import Transcript

MAX_LINE_CHARS = 42
MAX_CUE_SECONDS = 7.0
MIN_CUE_SECONDS = 0.7
MAX_CHARS_PER_SECOND = 20.0
LINGER_SECONDS = 0.3  # a cue stays up this much after its last word, when nothing follows at once
MAX_PAUSE_IN_CUE_SECONDS = 1.2  # text must not sit on screen through a long silence

_CUE_COST = 1.0  # fewer, fuller cues are easier to follow than many flickering ones
_CUT_MID_PHRASE_COST = 1.2
_CUT_AT_CLAUSE_COST = 0.4
_GOOD_PAUSE_SECONDS = 0.6  # a pause this long is as good a place to cut as a sentence end
_CUT_AFTER_BINDING_WORD_COST = 0.8
_BREAK_INSIDE_COST = 0.8  # a sentence end or clear pause inside a cue: it reads as two cues
_SLIGHT_PAUSE_SECONDS = 0.2  # shorter gaps are just the space between words
_TOO_FAST_COST_PER_CPS = 0.1
_TOO_SHORT_COST = 0.5
_LINE_IMBALANCE_COST = 0.5  # at most, for one full line over one nearly empty
_LINE_MID_PHRASE_COST = 0.2
_LINE_AFTER_BINDING_WORD_COST = 0.8
_TRAILING_PUNCTUATION = ".,!?;:\"')]\u2026\u201d\u2019"


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class _Token:
    text: str
    start: int  # milliseconds
    end: int


def build_cues(transcript: Transcript, duration_seconds: float) -> list[Cue]:
    """Cues for the speech in `transcript`, inside [0, duration]. A duration of 0 means the
    probe found none; the transcript's own end then bounds the cues."""
    if duration_seconds <= 0:
        duration_seconds = max((segment.end for segment in transcript.segments), default=0.0)
        duration_seconds = max([duration_seconds, *(word.end for word in transcript.words)])
    duration = int(duration_seconds * 1000)
    tokens = _tokens(transcript, duration_seconds, duration)
    if not tokens:
        return []
    cues: list[Cue] = []
    cuts = _best_cuts(tokens, duration)
    for first, last in itertools.pairwise(cuts):
        words = tokens[first:last]
        next_start = tokens[last].start if last < len(tokens) else duration
        end = _display_end(words, next_start)
        lines = _wrap([word.text for word in words])
        cues.append(Cue(words[0].start / 1000, end / 1000, lines))
    return cues


def _tokens(transcript: Transcript, duration_seconds: float, duration: int) -> list[_Token]:
    """Words in milliseconds, starts strictly increasing so every cue can have some length,
    no word longer than a line (a URL is split) or than a cue may last."""
    tokens: list[_Token] = []
    for word in spoken_words(transcript, duration_seconds):
        start, end = round(word.start * 1000), round(word.end * 1000)
        # "-->" would read as a timing line in both formats.
        pieces = _line_sized(word.word.replace("-->", "\u2192"))
        step = (end - start) // len(pieces)
        for index, piece in enumerate(pieces):
            piece_start = max(start + index * step, tokens[-1].start + 1 if tokens else 0)
            piece_end = end if index == len(pieces) - 1 else start + (index + 1) * step
            tokens.append(_Token(piece, piece_start, piece_end))
    tokens = [token for token in tokens if token.start < duration]
    if not tokens:
        return []
    limit = int(MAX_CUE_SECONDS * 1000)
    return [
        _Token(
            token.text,
            token.start,
            max(token.start, min(token.end, following_start, duration, token.start + limit)),
        )
        for token, following_start in zip(
            tokens, [*(token.start for token in tokens[1:]), duration], strict=True
        )
    ]


def _line_sized(text: str) -> list[str]:
    return [text[index : index + MAX_LINE_CHARS] for index in range(0, len(text), MAX_LINE_CHARS)]


def _best_cuts(tokens: Sequence[_Token], duration: int) -> list[int]:
    """Indexes where cues begin (plus the end), minimising the total cost of all cues."""
    count = len(tokens)
    # inside[k]: the cost of the breaks between tokens[0..k] that a cue covering them hides
    inside = list(
        itertools.accumulate(
            (_hidden_break_cost(a, b) for a, b in itertools.pairwise(tokens)), initial=0.0
        )
    )
    texts = [token.text for token in tokens]
    best = [0.0] + [float("inf")] * count
    previous_cut = [0] * (count + 1)
    for last in range(1, count + 1):
        for first in range(last - 1, -1, -1):
            # A cue that cannot start here cannot start any earlier either.
            if first < last - 1 and not _may_extend(tokens, first, last):
                break
            split = _line_split(texts[first:last])
            if split is None:
                break
            hidden = inside[last - 1] - inside[first]
            cost = best[first] + hidden + split[0] + _cue_cost(tokens, first, last, duration)
            if cost < best[last]:
                best[last], previous_cut[last] = cost, first
    cuts = [count]
    while cuts[-1] > 0:
        cuts.append(previous_cut[cuts[-1]])
    return cuts[::-1]


def _may_extend(tokens: Sequence[_Token], first: int, last: int) -> bool:
    """Whether words[first:last] are close enough in time to share a cue, given that
    words[first + 1:last] are."""
    span = tokens[last - 1].end - tokens[first].start
    pause = tokens[first + 1].start - tokens[first].end
    return span <= MAX_CUE_SECONDS * 1000 and pause <= MAX_PAUSE_IN_CUE_SECONDS * 1000


def _cue_cost(tokens: Sequence[_Token], first: int, last: int, duration: int) -> float:
    cost = _CUE_COST
    if last < len(tokens):
        cost += _cut_cost(tokens[last - 1], tokens[last])
    next_start = tokens[last].start if last < len(tokens) else duration
    room = min(next_start - tokens[first].start, MAX_CUE_SECONDS * 1000) / 1000
    characters = sum(len(token.text) + 1 for token in tokens[first:last]) - 1
    cost += max(0.0, characters / room - MAX_CHARS_PER_SECOND) * _TOO_FAST_COST_PER_CPS
    if room < MIN_CUE_SECONDS:
        cost += _TOO_SHORT_COST
    return cost


def _cut_cost(before: _Token, after: _Token) -> float:
    if ends_sentence(before.text):
        return 0.0
    cost = _CUT_AT_CLAUSE_COST if ends_clause(before.text) else _CUT_MID_PHRASE_COST
    pause = (after.start - before.end) / 1000
    cost = min(cost, _CUT_MID_PHRASE_COST * max(0.0, 1.0 - pause / _GOOD_PAUSE_SECONDS))
    if _bare(before.text) in BINDING_WORDS:
        cost += _CUT_AFTER_BINDING_WORD_COST
    return cost


def _hidden_break_cost(before: _Token, after: _Token) -> float:
    if ends_sentence(before.text):
        return _BREAK_INSIDE_COST
    pause = (after.start - before.end) / 1000 - _SLIGHT_PAUSE_SECONDS
    share = pause / (_GOOD_PAUSE_SECONDS - _SLIGHT_PAUSE_SECONDS)
    return _BREAK_INSIDE_COST * min(1.0, max(0.0, share))


def _display_end(words: Sequence[_Token], next_start: int) -> int:
    """Long enough to read (and to notice), never into the next cue or past the video."""
    start = words[0].start
    characters = sum(len(word.text) + 1 for word in words) - 1
    reading = max(MIN_CUE_SECONDS, characters / MAX_CHARS_PER_SECOND) * 1000
    wanted = max(words[-1].end + LINGER_SECONDS * 1000, start + reading)
    return min(round(wanted), next_start, start + int(MAX_CUE_SECONDS * 1000))


def _wrap(words: Sequence[str]) -> tuple[str, ...]:
    split = _line_split(words)
    assert split is not None, "cues are only made of words that fit two lines"
    second_line = split[1]
    if second_line == len(words):
        return (" ".join(words),)
    return " ".join(words[:second_line]), " ".join(words[second_line:])


def _line_split(words: Sequence[str]) -> tuple[float, int] | None:
    """How the words read best on at most two lines: (cost, index of the first word of the
    second line, or len(words) for a single line), or None when they do not fit.

    One line whenever it fits; otherwise lines of similar length, the first ending at
    punctuation rather than on a word like "the" that leads into the second.
    """
    total = sum(map(len, words)) + len(words) - 1
    if total <= MAX_LINE_CHARS:
        return 0.0, len(words)
    best: tuple[float, int] | None = None
    top = -1
    for index in range(1, len(words)):
        top += 1 + len(words[index - 1])
        bottom = total - top - 1
        if top > MAX_LINE_CHARS:
            break
        if bottom > MAX_LINE_CHARS:
            continue
        cost = _LINE_IMBALANCE_COST * abs(top - bottom) / MAX_LINE_CHARS
        cost += _line_end_cost(words[index - 1])
        if best is None or cost < best[0]:
            best = (cost, index)
    return best


def _line_end_cost(last_word: str) -> float:
    if ends_sentence(last_word) or ends_clause(last_word):
        return 0.0
    if _bare(last_word) in BINDING_WORDS:
        return _LINE_AFTER_BINDING_WORD_COST
    return _LINE_MID_PHRASE_COST


def _bare(word: str) -> str:
    return word.lower().strip(_TRAILING_PUNCTUATION)


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip: numbered blocks, `00:00:01,500 --> 00:00:03,000`, a blank line between."""
    return "\n".join(
        f"{number}\n{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}\n"
        + "".join(f"{line}\n" for line in cue.lines)
        for number, cue in enumerate(cues, start=1)
    )


def to_webvtt(cues: Sequence[Cue], language: str | None = None) -> str:
    """WebVTT: the header, then `00:00:01.500 --> 00:00:03.000` blocks, a blank line between.

    The header names the cues' `language` (an ISO 639-1 code) on a `Language:` line, as
    YouTube's own WebVTT files do and as YouTube and players read it when the file is added.
    """
    header = f"WEBVTT\nLanguage: {language}\n" if language else "WEBVTT\n"
    blocks = [
        f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}\n"
        + "".join(f"{_escape_vtt(line)}\n" for line in cue.lines)
        for cue in cues
    ]
    return "\n".join([header, *blocks])


def _stamp(seconds: float, decimal_mark: str) -> str:
    total = round(seconds * 1000)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{decimal_mark}{millis:03d}"


def _escape_vtt(line: str) -> str:
    # In a WebVTT cue "<" opens a tag and "&" an entity; spoken text means them literally.
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
