"""Make any text engine's output obey YouTube's rules before it is saved.

Engines aim for the rules; these functions guarantee them, whatever an LLM answered: titles
of at most 100 characters, descriptions of at most 5000 bytes (UTF-8), tags of at most 500
characters in all, and no "<" or ">" anywhere. Text is cut at a sentence or word boundary,
never inside a character, and a cut is marked with an ellipsis.
"""

import re
from collections.abc import Iterable, Sequence

from echo_core.youtube_rules import (
    FORBIDDEN_CHARACTERS,
    MAX_DESCRIPTION_BYTES,
    MAX_TAGS_CHARS,
    MAX_TITLE_CHARS,
    chapters_problem,
    format_timestamp,
    tags_length,
)

ELLIPSIS = "\u2026"
# Show notes are pasted into descriptions and podcast feeds, so they keep the description's limit.
MAX_SHOW_NOTES_BYTES = MAX_DESCRIPTION_BYTES
SHOW_NOTES_CHAPTERS_HEADING = "Chapters"
_FORBIDDEN = re.compile("[" + re.escape("".join(FORBIDDEN_CHARACTERS)) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # keeps tab and newline
_BLANK_LINES = re.compile(r"\n{3,}")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\u2026])\s|\n")
_TRAILING_JOINERS = " ,;:-\u2013\u2014"


def fit_title(title: str) -> str:
    """One line, no < or >, at most 100 characters; empty when nothing is left (drop it)."""
    return _cut_characters(_one_line(title), MAX_TITLE_CHARS)


def compose_description(body: str, chapters: Sequence[tuple[float, str]]) -> str:
    """The body, a blank line, then the chapters as YouTube reads them ("0:00 Intro").

    The body is trimmed to make room; the chapter list is kept whole, since YouTube only
    makes chapters from a complete list. A list YouTube would reject (fewer than three, not
    from 0:00, not ascending, shorter than 10 s) is left out rather than published as text.
    """
    return _with_listing(fit_description_body(body, chapters), chapter_listing(chapters))


def fit_description_body(body: str, chapters: Sequence[tuple[float, str]]) -> str:
    """The body as stored: tidied and short enough for its chapter lines to follow it."""
    return _fitted_before(_block(body), chapter_listing(chapters), MAX_DESCRIPTION_BYTES)


def compose_show_notes(notes: str, chapters: Sequence[tuple[float, str]]) -> str:
    """The show notes, then the same chapter lines as the description, under a heading."""
    listing = chapter_listing(chapters)
    if listing:
        listing = f"{SHOW_NOTES_CHAPTERS_HEADING}\n{listing}"
    return _with_listing(_fitted_before(_block(notes), listing, MAX_SHOW_NOTES_BYTES), listing)


def _fitted_before(text: str, listing: str, limit: int) -> str:
    if not listing:
        return _cut_bytes(text, limit)
    return _cut_bytes(text, limit - _size(listing) - len("\n\n"))


def _with_listing(text: str, listing: str) -> str:
    if not listing:
        return text
    return f"{text}\n\n{listing}" if text else listing


def fit_tags(tags: Iterable[str]) -> list[str]:
    """Distinct (ignoring case), non-empty tags without < or >, at most 500 characters in all
    as YouTube counts them. A comma separates tags on YouTube, so "a, b" becomes two tags;
    tags that no longer fit are skipped, the earlier (better) ones kept."""
    kept: list[str] = []
    seen: set[str] = set()
    for tag in (_one_line(piece).replace('"', "") for raw in tags for piece in raw.split(",")):
        if not tag or tag.casefold() in seen or tags_length([*kept, tag]) > MAX_TAGS_CHARS:
            continue
        seen.add(tag.casefold())
        kept.append(tag)
    return kept


def fit_show_notes(show_notes: str) -> str:
    """Plain text without < or >, tidy line breaks, at most 5000 bytes."""
    return _cut_bytes(_block(show_notes), MAX_SHOW_NOTES_BYTES)


def chapter_listing(chapters: Sequence[tuple[float, str]]) -> str:
    """The chapters as YouTube reads them, a line each ("0:00 Intro"); empty for a list
    YouTube would reject."""
    if not chapters or chapters_problem([start for start, _ in chapters], None):
        return ""
    stamps = [format_timestamp(start) for start, _ in chapters]
    titles = [
        fit_title(title) or f"Chapter {number}"
        for number, (_, title) in enumerate(chapters, start=1)
    ]
    # Only a very long video with long titles needs this: shorten every title alike until
    # the list fits, keeping every chapter and every stamp whole.
    longest = max(map(len, titles))
    while True:
        listing = "\n".join(
            f"{stamp} {_cut_characters(title, longest)}"
            for stamp, title in zip(stamps, titles, strict=True)
        )
        if _size(listing) <= MAX_DESCRIPTION_BYTES:
            return listing
        if longest == 1:
            return ""  # hundreds of chapters: even "1:02:03 …" each is too long to list
        longest = max(1, longest * 3 // 4)


def _one_line(text: str) -> str:
    return " ".join(_FORBIDDEN.sub("", text).split())


def _block(text: str) -> str:
    """Multi-line text made safe: no < or >, no control characters, \\n line ends, no
    trailing spaces, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _FORBIDDEN.sub("", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut_characters(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return _shorten(text[: limit - len(ELLIPSIS)])


def _cut_bytes(text: str, limit: int) -> str:
    if _size(text) <= limit:
        return text
    room = limit - _size(ELLIPSIS)
    if room <= 0:
        return ""
    head = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    # End on a whole sentence when one ends in the second half; otherwise on a whole word.
    sentence_ends = [match.start() for match in _SENTENCE_BREAK.finditer(head)]
    if sentence_ends and sentence_ends[-1] > len(head) // 2:
        return head[: sentence_ends[-1]].rstrip()
    return _shorten(head)


def _shorten(head: str) -> str:
    """`head` (already short enough to take an ellipsis) cut back to its last whole word."""
    space = head.rfind(" ")
    if space > len(head) // 2:
        head = head[:space]
    return head.rstrip(_TRAILING_JOINERS) + ELLIPSIS
