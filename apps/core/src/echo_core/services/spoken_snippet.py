"""A search result's text, in parts that say which words matched: the page renders each part
as text (a matched one inside a <mark> it makes itself), so a transcript is never HTML."""

from dataclasses import dataclass

from echo_core.spoken_words import SpokenQuery, word_spans

# A long segment is cut to about this many characters around its first match.
SNIPPET_CHARACTERS = 200
# How much of the cut window comes before the first match.
_CONTEXT_BEFORE = 60
ELLIPSIS = "…"


@dataclass(frozen=True)
class SnippetPart:
    text: str
    match: bool


def snippet(text: str, query: SpokenQuery) -> list[SnippetPart]:
    matches = [(start, end) for start, end in word_spans(text) if query.matches(text[start:end])]
    first = matches[0][0] if matches else 0
    window_start, window_end = _window(text, first)
    parts: list[SnippetPart] = []
    if window_start > 0:
        parts.append(SnippetPart(ELLIPSIS, match=False))
    position = window_start
    for start, end in matches:
        if end <= window_start:
            continue
        if start >= window_end:
            break
        start, end = max(start, window_start), min(end, window_end)
        if start > position:
            parts.append(SnippetPart(text[position:start], match=False))
        parts.append(SnippetPart(text[start:end], match=True))
        position = end
    if position < window_end:
        parts.append(SnippetPart(text[position:window_end], match=False))
    if window_end < len(text):
        parts.append(SnippetPart(ELLIPSIS, match=False))
    return _joined(parts)


def _window(text: str, first_match: int) -> tuple[int, int]:
    """The slice shown: the whole text when short, else one that starts a little before the
    first match, cut between words."""
    if len(text) <= SNIPPET_CHARACTERS:
        return 0, len(text)
    start = max(0, first_match - _CONTEXT_BEFORE)
    if start > 0:
        space = text.find(" ", start, first_match)
        start = space + 1 if space != -1 else first_match
    end = min(len(text), start + SNIPPET_CHARACTERS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first_match else end
    return start, end


def _joined(parts: list[SnippetPart]) -> list[SnippetPart]:
    """Neighbouring parts of the same kind as one ("…" next to text that did not match)."""
    joined: list[SnippetPart] = []
    for part in parts:
        if joined and joined[-1].match == part.match:
            joined[-1] = SnippetPart(joined[-1].text + part.text, part.match)
        else:
            joined.append(part)
    return joined
