"""Title suggestions built from what a video is about, in the patterns YouTube titles use."""

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from echo_core.pipeline.text.fitting import fit_title
from echo_core.pipeline.text.wording import join_phrases, title_case

MAX_NAME_CHARS = 60
MAX_SUGGESTIONS = 10  # enough to choose from; the patterns further down are the weaker ones
_MAX_LISTED_TOPICS = 3
_MEDIA_SUFFIX = re.compile(r"\.(?:mp4|m4v|mov|mkv|webm|avi|wmv|flv|mpe?g|m?ts|3gp|ogv|mp3|wav)")
_SEPARATORS = re.compile(r"[_\-.+]+")
UNTITLED = "Untitled Video"


def video_name(filename: str) -> str:
    """A readable name from an upload's filename: "my_garden-vlog.mp4" -> "My Garden Vlog"."""
    path = PurePath(filename)
    # The stage may pass the stem already; "talk.final" must not lose its ".final".
    stem = path.stem if _MEDIA_SUFFIX.fullmatch(path.suffix.lower()) else path.name
    words = fit_title(_SEPARATORS.sub(" ", stem)).split()
    # Short enough that every pattern around it still fits a title, so none is cut short.
    while len(words) > 1 and len(" ".join(words)) > MAX_NAME_CHARS:
        words.pop()
    return title_case(" ".join(words))[:MAX_NAME_CHARS] or UNTITLED


def suggest_titles(subjects: Sequence[str], topics: Sequence[str], name: str) -> list[str]:
    """Five to ten distinct titles, best first.

    `subjects` are the talk's key phrases, best first; `topics` the leading phrase of each
    chapter, in order; `name` the video's name, which carries the suggestions when nothing
    was said.
    """
    titles: list[str] = []
    for candidate in [*_from_speech(subjects, topics), *_from_name(name, subjects)]:
        title = fit_title(candidate)
        if title and title.casefold() not in {kept.casefold() for kept in titles}:
            titles.append(title)
    return titles[:MAX_SUGGESTIONS]


def _from_speech(subjects: Sequence[str], topics: Sequence[str]) -> Iterator[str]:
    if len(topics) >= 2:
        named = [title_case(topic) for topic in topics]
        more = ["More"] if len(named) > _MAX_LISTED_TOPICS else []
        yield join_phrases([*named[:_MAX_LISTED_TOPICS], *more])
        yield f"From {named[0]} to {named[-1]}"
        if not more:
            yield f"{len(named)} Topics: {join_phrases(named)}"
    if not subjects:
        return
    first, *others = [title_case(subject) for subject in subjects]
    yield f"A Guide to {first}"
    if others:
        yield f"{first} and {others[0]}: What You Need to Know"
    yield f"{first} Explained"
    if len(others) >= 2:
        yield f"{first}: {others[0]}, {others[1]} and More"
    yield f"Everything About {first}"
    yield f"Understanding {first}"
    if others:
        yield f"How {first} and {others[0]} Fit Together"


def _from_name(name: str, subjects: Sequence[str]) -> Iterator[str]:
    if subjects:
        yield f"{name}: {title_case(subjects[0])}"
    yield name
    yield f"{name}: Full Video"
    yield f"{name} (No Commentary)" if not subjects else f"{name}, Explained"
    yield f"Watch: {name}"
    yield f"{name}, Start to Finish"
