"""Short titles for the parts of a video (chapters), each from what sets that part apart."""

from collections.abc import Iterator, Sequence

from echo_core.pipeline.text.keyphrases import Keyphrase, keyphrases
from echo_core.pipeline.text.wording import join_phrases, title_case

MAX_TOPIC_TITLE_CHARS = 50
_PHRASES_PER_TOPIC = 5
_PAIR_STRENGTH = 0.5


def topic_phrases(texts: Sequence[str]) -> list[list[Keyphrase]]:
    """Each text's best phrases, judged against all the texts, so shared words rank low."""
    return [keyphrases([text], collection=texts, limit=_PHRASES_PER_TOPIC) for text in texts]


def topic_titles(texts: Sequence[str]) -> list[str]:
    """One title per text, no two alike; "Part 3" when a text has nothing to name it by."""
    return titles_from_phrases(topic_phrases(texts))


def titles_from_phrases(phrases_per_text: Sequence[list[Keyphrase]]) -> list[str]:
    """What `topic_titles` does, for phrases already found with `topic_phrases`."""
    titles: list[str] = []
    for number, phrases in enumerate(phrases_per_text, start=1):
        taken = {title.lower() for title in titles}
        fresh = (title for title in _candidate_titles(phrases) if title.lower() not in taken)
        titles.append(next(fresh, f"Part {number}"))
    return titles


def _candidate_titles(phrases: list[Keyphrase]) -> Iterator[str]:
    """ "A and B", then "A", then "B and C", "B", and so on down the ranking; a pair only
    when its second phrase is nearly as strong, as a weak one only blurs the title."""
    for first, phrase in enumerate(phrases):
        groups = [[phrase.text]]
        following = phrases[first + 1 : first + 2]
        if following and following[0].score >= _PAIR_STRENGTH * phrase.score:
            groups.insert(0, [phrase.text, following[0].text])
        for group in groups:
            title = title_case(join_phrases(group))
            if len(title) <= MAX_TOPIC_TITLE_CHARS:
                yield title
