"""Short titles for the parts of a video (chapters), each from what sets that part apart."""

from collections.abc import Iterator, Sequence

from echo_core.pipeline.text.hearing import Hearing
from echo_core.pipeline.text.keyphrases import Keyphrase, keyphrases
from echo_core.pipeline.text.wording import join_phrases, title_case
from echo_core.pipeline.transcript import Word

MAX_TOPIC_TITLE_CHARS = 50
MAX_TOPIC_TITLE_WORDS = 5
_PHRASES_PER_TOPIC = 5
_PAIR_STRENGTH = 0.5

# A part of a video as its pieces (sentences, or stretches between pauses) of timed words.
Part = Sequence[Sequence[Word]]


def topic_phrases(parts: Sequence[Part], hearing: Hearing) -> list[list[Keyphrase]]:
    """Each part's best phrases, judged against all the parts, so shared words rank low."""
    collection = [[word for piece in part for word in piece] for part in parts]
    return [
        keyphrases(part, hearing, collection=collection, limit=_PHRASES_PER_TOPIC) for part in parts
    ]


def topic_titles(parts: Sequence[Part], hearing: Hearing) -> list[str]:
    """One title per part, no two alike; "Part 3" when a part has nothing to name it by."""
    return titles_from_phrases(topic_phrases(parts, hearing))


def titles_from_phrases(phrases_per_part: Sequence[list[Keyphrase]]) -> list[str]:
    """What `topic_titles` does, for phrases already found with `topic_phrases`."""
    titles: list[str] = []
    for number, phrases in enumerate(phrases_per_part, start=1):
        taken = {title.lower() for title in titles}
        fresh = (title for title in _candidate_titles(phrases) if title.lower() not in taken)
        titles.append(next(fresh, f"Part {number}"))
    return titles


def _candidate_titles(phrases: list[Keyphrase]) -> Iterator[str]:
    """Two to five words: a phrase of several words alone, or "A and B"; then the same
    further down the ranking. A phrase of several words is joined by a second one only when
    that one is nearly as strong, as a weak one only blurs the title; a single word always
    takes a partner, since one word seldom names a topic."""
    for first, phrase in enumerate(phrases):
        groups = [[phrase.text]]
        following = phrases[first + 1 : first + 2]
        if following and (
            len(phrase.stems) == 1 or following[0].score >= _PAIR_STRENGTH * phrase.score
        ):
            groups.insert(0, [phrase.text, following[0].text])
        for group in groups:
            title = title_case(join_phrases(group))
            if len(title) <= MAX_TOPIC_TITLE_CHARS and len(title.split()) <= MAX_TOPIC_TITLE_WORDS:
                yield title
