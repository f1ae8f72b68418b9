"""A result's snippet: the segment's own text in parts, the found words marked, a long
segment cut around its first match."""

from echo_core.services.spoken_snippet import SNIPPET_CHARACTERS, SnippetPart, snippet
from echo_core.spoken_words import SpokenQuery


def test_the_found_words_are_marked_and_nothing_else_changes() -> None:
    text = "Boil the <b>pasta</b>, then BOILING water: pasta-water!"

    parts = snippet(text, SpokenQuery("pasta boil"))

    assert "".join(part.text for part in parts) == text
    assert [part.text for part in parts if part.match] == ["Boil", "pasta", "BOILING", "pasta"]
    assert parts[1] == SnippetPart(" the <b>", match=False)


def test_a_long_segment_is_cut_between_words_around_its_first_match() -> None:
    before = " ".join(f"before{n}" for n in range(40))
    after = " ".join(f"after{n}" for n in range(40))
    text = f"{before} the lighthouse keeper {after}"

    parts = snippet(text, SpokenQuery("lighthouse"))
    shown = "".join(part.text for part in parts)

    assert shown.startswith("…")
    assert shown.endswith("…")
    assert len(shown) <= SNIPPET_CHARACTERS + 2
    assert [part.text for part in parts if part.match] == ["lighthouse"]
    # Cut at spaces: every word shown is whole.
    words = shown.strip("…").split()
    assert all(word in text.split() for word in words)


def test_a_short_segment_is_shown_whole() -> None:
    text = "Nothing here matches, but the text is shown as it is."

    assert snippet(text, SpokenQuery("lighthouse")) == [SnippetPart(text, match=False)]
