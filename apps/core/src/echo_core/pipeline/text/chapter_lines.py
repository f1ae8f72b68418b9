"""Chapter lines typed into a description ("0:00 Intro"), taken out of its body.

Chapters have one source, the chapter list: a description is stored as its body, and its
chapter lines are generated from the list when it is shown. A creator who types or pastes
chapter lines into the description means them as chapters, so they are read back here.
"""

import re
from dataclasses import dataclass

# A line that starts with a time stamp, as YouTube reads chapters: "0:00 Intro",
# "- 1:02:03 - Outro", "12:30: Questions". The stamp is a whole token, so "3:45pm" is prose.
_CHAPTER_LINE = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?P<stamp>\d{1,2}(?::\d{1,2}){1,2})(?![\w:])"
    r"\s*[-\u2013\u2014:|.]?\s*(?P<title>.*?)\s*$"
)


class ChapterLineError(ValueError):
    """A chapter line that cannot be a chapter; the message says which line and why."""


@dataclass(frozen=True)
class TypedChapters:
    body: str  # the description without its chapter lines
    chapters: list[tuple[float, str]]  # (start in seconds, title), as typed


def take_chapter_lines(description: str) -> TypedChapters:
    body: list[str] = []
    chapters: list[tuple[float, str]] = []
    for line in description.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _CHAPTER_LINE.match(line)
        if match is None:
            body.append(line)
            continue
        stamp, title = match["stamp"], match["title"]
        if not title:
            raise ChapterLineError(
                f'The chapter line "{line.strip()}" needs a title after {stamp}.'
            )
        chapters.append((_seconds(stamp, line), title))
    return TypedChapters(body="\n".join(body).strip(), chapters=chapters)


def _seconds(stamp: str, line: str) -> float:
    *larger, seconds = (int(part) for part in stamp.split(":"))
    if seconds >= 60 or (len(larger) == 2 and larger[1] >= 60):
        raise ChapterLineError(f'The chapter line "{line.strip()}" has no valid time: {stamp}.')
    total = 0
    for part in [*larger, seconds]:
        total = total * 60 + part
    return float(total)
