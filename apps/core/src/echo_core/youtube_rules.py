"""YouTube's limits on titles, descriptions, tags and chapters, in one place.

Each check returns a sentence describing the problem, or None when the value is fine, so the
API (as a 422) and the pipeline (to trim its own output) share the same rules.
"""

import unicodedata
from collections.abc import Callable, Sequence

MAX_TITLE_CHARS = 100
MAX_DESCRIPTION_BYTES = 5000
MAX_TAGS_CHARS = 500
MIN_CHAPTERS = 3
MIN_CHAPTER_SECONDS = 10.0
FORBIDDEN_CHARACTERS = ("<", ">")

# Format characters (Cf: zero-width space U+200B, word joiner U+2060, byte order mark U+FEFF,
# soft hyphen U+00AD, direction marks) and controls (Cc) draw nothing; these letters and
# symbols draw nothing either (Hangul fillers, braille blank, combining grapheme joiner).
_INVISIBLE_CATEGORIES = ("Cf", "Cc")
_INVISIBLE_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
# Controls (line feed, carriage return, tab...) and the Unicode line and paragraph separators.
_LINE_BREAKING_CATEGORIES = ("Cc", "Zl", "Zp")

Rule = Callable[[str], str | None]


def _forbidden_in(text: str) -> bool:
    return any(character in text for character in FORBIDDEN_CHARACTERS)


def _is_blank(text: str) -> bool:
    """Whether `text` would look empty: only whitespace and characters that draw nothing."""
    return all(
        character.isspace()
        or character in _INVISIBLE_CHARACTERS
        or unicodedata.category(character) in _INVISIBLE_CATEGORIES
        for character in text
    )


def _breaks_lines(text: str) -> bool:
    return any(unicodedata.category(character) in _LINE_BREAKING_CATEGORIES for character in text)


def title_problem(title: str) -> str | None:
    if _is_blank(title):
        return "Title must not be empty."
    if len(title) > MAX_TITLE_CHARS:
        return f"Title must be at most {MAX_TITLE_CHARS} characters (it has {len(title)})."
    if _forbidden_in(title):
        return "Title must not contain < or >."
    return None


def description_problem(description: str) -> str | None:
    size = len(description.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        return f"Description must be at most {MAX_DESCRIPTION_BYTES} bytes (it has {size})."
    if _forbidden_in(description):
        return "Description must not contain < or >."
    return None


def tags_length(tags: Sequence[str]) -> int:
    """Length as YouTube counts it: tags joined by commas, a tag with spaces quoted."""
    quoted = sum(len(tag) + (2 if " " in tag else 0) for tag in tags)
    return quoted + max(len(tags) - 1, 0)


def tags_problem(tags: Sequence[str]) -> str | None:
    if any(_is_blank(tag) for tag in tags):
        return "Tags must not be empty."
    if any(_breaks_lines(tag) for tag in tags):
        return "Tags must be one line each, without control characters."
    if any(_forbidden_in(tag) or "," in tag for tag in tags):
        return "Tags must not contain <, > or commas."
    total = tags_length(tags)
    if total > MAX_TAGS_CHARS:
        return f"Tags must be at most {MAX_TAGS_CHARS} characters in all (they have {total})."
    return None


def chapter_title_problem(title: str) -> str | None:
    if _is_blank(title):
        return "Chapter titles must not be empty."
    if _forbidden_in(title):
        return "Chapter titles must not contain < or >."
    return None


def chapters_problem(starts: Sequence[float], duration_seconds: float | None) -> str | None:
    """Chapters need a first one at 0:00, ascending starts, at least three, each ≥ 10 s."""
    if not starts:
        return None
    if len(starts) < MIN_CHAPTERS:
        return f"A video needs at least {MIN_CHAPTERS} chapters, or none."
    if starts[0] != 0:
        return "The first chapter must start at 0:00."
    ends = [*starts[1:], duration_seconds] if duration_seconds is not None else list(starts[1:])
    for index, end in enumerate(ends):
        if end - starts[index] < MIN_CHAPTER_SECONDS:
            if end <= starts[index]:
                return "Chapter start times must be in ascending order, inside the video."
            return f"Every chapter must be at least {MIN_CHAPTER_SECONDS:.0f} seconds long."
    return None


def format_timestamp(seconds: float) -> str:
    """YouTube's chapter stamp: 0:00, 4:05, 1:02:03."""
    whole = int(seconds)
    hours, remainder = divmod(whole, 3600)
    minutes, secs = divmod(remainder, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
