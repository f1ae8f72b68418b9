"""Title suggestions that name what a video is about, each a different choice of its topics."""

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePath

from echo_core.pipeline.text.fitting import fit_title
from echo_core.pipeline.text.tokens import content_stems
from echo_core.pipeline.text.wording import join_phrases, title_case

MAX_NAME_CHARS = 60
MIN_SUGGESTIONS = 5
MAX_SUGGESTIONS = 10  # enough to choose from; the combinations further down are the weaker ones
_MAX_LISTED_TOPICS = 4
_PHRASES_PER_TITLE = 3
_MEDIA_SUFFIX = re.compile(r"\.(?:mp4|m4v|mov|mkv|webm|avi|wmv|flv|mpe?g|m?ts|3gp|ogv|mp3|wav)")
_SEPARATORS = re.compile(r"[_\-.+]+")
UNTITLED = "Untitled Video"
# What a title names, to tell a different suggestion from the same one reworded.
_Substance = Callable[[str], frozenset[str]]


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


def suggest_titles(
    parts: Sequence[Sequence[str]], sentences: Sequence[str], name: str
) -> list[str]:
    """Up to ten titles, best first, made of the phrases that were said.

    `parts` holds the phrases of each part of the video (its chapters, or the whole talk),
    best first; `sentences` short sentences that sum it up, for when the phrases make fewer
    than five titles. Each title names a different set of phrases, so no suggestion is
    another one reworded. Only when nothing usable was said does the video's name carry
    the titles.
    """
    titles = _distinct_titles(_from_speech(parts), _substance)
    if len(titles) < MIN_SUGGESTIONS:
        spoken = (title_case(sentence.rstrip(".!?")) for sentence in sentences)
        lone = (title_case(phrases[0]) for phrases in parts if phrases)
        titles = _distinct_titles(itertools.chain(titles, spoken, lone), _substance)
    if titles:
        return titles
    return _distinct_titles(_from_name(name), lambda title: frozenset([title.casefold()]))


def _substance(title: str) -> frozenset[str]:
    return frozenset(content_stems(title))


def _distinct_titles(candidates: Iterator[str], substance: _Substance) -> list[str]:
    """Candidates fitted to YouTube's rules; one that names nothing a kept title does not
    is the same suggestion in other words."""
    titles: list[str] = []
    kept: list[frozenset[str]] = []
    for candidate in candidates:
        title = fit_title(candidate)
        said = substance(title)
        if not title or any(said <= other for other in kept):
            continue
        titles.append(title)
        kept.append(said)
        if len(titles) == MAX_SUGGESTIONS:
            break
    return titles


def _from_speech(parts: Sequence[Sequence[str]]) -> Iterator[str]:
    named = [[title_case(phrase) for phrase in phrases] for phrases in parts if phrases]
    if len(named) >= 2:  # the whole video: each part's own topic
        leads = [phrases[0] for phrases in named]
        more = ["More"] if len(leads) > _MAX_LISTED_TOPICS else []
        yield join_phrases([*leads[: _MAX_LISTED_TOPICS - len(more)], *more])
    # Then each part's phrases in threes, "A: B and C", the best three first, the parts
    # taking turns: every title names things no other one does.
    for first in range(0, max(map(len, named), default=0), _PHRASES_PER_TITLE):
        for phrases in named:
            group = phrases[first : first + _PHRASES_PER_TITLE]
            if len(group) == _PHRASES_PER_TITLE:
                yield f"{group[0]}: {join_phrases(group[1:])}"
            elif len(group) == 2:
                yield join_phrases(group)


def _from_name(name: str) -> Iterator[str]:
    yield name
    yield f"{name}: Full Video"
    yield f"{name} (No Commentary)"
    yield f"Watch: {name}"
    yield f"{name}, Start to Finish"
