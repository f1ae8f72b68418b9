"""Fitting engine output to YouTube's limits: characters, bytes, forbidden characters, chapters."""

import pytest

from echo_core.pipeline.text.fitting import (
    ELLIPSIS,
    MAX_SHOW_NOTES_BYTES,
    compose_description,
    fit_show_notes,
    fit_tags,
    fit_title,
)
from echo_core.youtube_rules import (
    MAX_DESCRIPTION_BYTES,
    MAX_TAGS_CHARS,
    MAX_TITLE_CHARS,
    description_problem,
    tags_length,
    tags_problem,
    title_problem,
)

CHAPTERS = [(0.0, "Cooking Pasta"), (75.4, "Telescopes"), (190.0, "Tomato Plants")]
LISTING = "0:00 Cooking Pasta\n1:15 Telescopes\n3:10 Tomato Plants"


def size(text: str) -> int:
    return len(text.encode("utf-8"))


# Titles


def test_a_good_title_is_kept_as_it_is() -> None:
    assert fit_title("Cooking Pasta, Astronomy and Gardening") == (
        "Cooking Pasta, Astronomy and Gardening"
    )


def test_a_title_loses_angle_brackets_and_extra_whitespace() -> None:
    assert fit_title("  The <b>Best</b>\n Pasta  ->  Ever ") == "The bBest/b Pasta - Ever"


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = "A Guide to " + " ".join(["Astronomy"] * 20)

    fitted = fit_title(title)

    assert len(fitted) <= MAX_TITLE_CHARS
    assert fitted.endswith("Astronomy" + ELLIPSIS)
    assert title_problem(fitted) is None


@pytest.mark.parametrize("word", ["日本語のタイトル", "émission", "🍝🔭🍅"])
def test_multi_byte_titles_are_measured_in_characters(word: str) -> None:
    title = " ".join([word] * 30)

    fitted = fit_title(title)

    assert len(fitted) <= MAX_TITLE_CHARS
    assert len(fitted) > MAX_TITLE_CHARS - len(word) - 2  # not cut by bytes
    assert title_problem(fitted) is None


def test_a_title_of_one_endless_word_is_cut_inside_it() -> None:
    fitted = fit_title("x" * 300)

    assert fitted == "x" * (MAX_TITLE_CHARS - 1) + ELLIPSIS


def test_nothing_usable_gives_an_empty_title() -> None:
    assert fit_title("  <>  \n ") == ""


# Descriptions


def test_a_description_is_the_body_a_blank_line_and_the_chapters() -> None:
    description = compose_description("What this video covers.", CHAPTERS)

    assert description == f"What this video covers.\n\n{LISTING}"
    assert description_problem(description) is None


def test_chapter_stamps_past_an_hour() -> None:
    chapters = [(0.0, "Intro"), (600.0, "Middle"), (3723.9, "Late")]

    assert compose_description("", chapters) == "0:00 Intro\n10:00 Middle\n1:02:03 Late"


def test_a_long_body_is_trimmed_and_the_chapters_kept_whole() -> None:
    body = " ".join(f"Sentence number {index} says something." for index in range(1000))

    description = compose_description(body, CHAPTERS)

    assert size(description) <= MAX_DESCRIPTION_BYTES
    assert size(description) > MAX_DESCRIPTION_BYTES - 60  # it uses the room it has
    assert description.endswith(f"says something.\n\n{LISTING}")
    assert description_problem(description) is None


@pytest.mark.parametrize("word", ["日本語の説明文", "ñandú", "🍝🍅"])
def test_a_multi_byte_body_is_trimmed_by_bytes_between_characters(word: str) -> None:
    body = " ".join([word] * 3000)

    description = compose_description(body, CHAPTERS)

    assert size(description) <= MAX_DESCRIPTION_BYTES
    assert description.endswith(LISTING)
    text_part = description.removesuffix("\n\n" + LISTING)
    assert text_part.endswith(word + ELLIPSIS)
    assert set(text_part.removesuffix(ELLIPSIS).split()) == {word}


def test_a_body_without_a_sentence_end_is_cut_at_a_word() -> None:
    body = "word " * 2000

    description = compose_description(body, [])

    assert size(description) <= MAX_DESCRIPTION_BYTES
    assert description.endswith("word" + ELLIPSIS)


def test_angle_brackets_and_control_characters_are_removed_and_lines_tidied() -> None:
    body = "Use <code> tags\r\nwisely.\x07   \n\n\n\nThe end > all."

    description = compose_description(body, [(0.0, "<Intro>"), (20.0, "Part > Two"), (40.0, "")])

    assert description == (
        "Use code tags\nwisely.\n\nThe end  all.\n\n0:00 Intro\n0:20 Part Two\n0:40 Chapter 3"
    )
    assert description_problem(description) is None


@pytest.mark.parametrize(
    "chapters",
    [
        [(0.0, "Only"), (30.0, "Two")],
        [(5.0, "Late"), (30.0, "Start"), (60.0, "Here")],
        [(0.0, "Too"), (5.0, "Short"), (60.0, "Gap")],
        [(0.0, "Out"), (60.0, "Of"), (30.0, "Order")],
    ],
)
def test_a_chapter_list_youtube_would_reject_is_left_out(chapters: list[tuple[float, str]]) -> None:
    assert compose_description("Body.", chapters) == "Body."


def test_no_body_gives_just_the_chapters_and_no_chapters_just_the_body() -> None:
    assert compose_description("  \n ", CHAPTERS) == LISTING
    assert compose_description("Body.", []) == "Body."


def test_very_many_long_chapter_titles_are_shortened_to_fit() -> None:
    chapters = [(60.0 * index, f"Título número {index} " + "ñ" * 90) for index in range(120)]

    description = compose_description("A long stream.", chapters)

    assert size(description) <= MAX_DESCRIPTION_BYTES
    assert description_problem(description) is None
    lines = description.split("\n")
    assert lines[0] == "A long stream."
    listed = lines[2:]
    assert len(listed) == 120
    assert listed[1].startswith("1:00 Título número 1")
    assert all(line.endswith(ELLIPSIS) for line in listed)


def test_chapters_too_many_to_list_at_all_are_left_out() -> None:
    chapters = [(10.0 * index, "Chapter") for index in range(1000)]

    assert compose_description("Body.", chapters) == "Body."


# Tags


def test_tags_are_deduplicated_ignoring_case_and_cleaned() -> None:
    tags = ["Pasta", "pasta", " tomato  sauce ", "", "   ", "<b>bold</b>", 'say "cheese"', "PASTA"]

    assert fit_tags(tags) == ["Pasta", "tomato sauce", "bbold/b", "say cheese"]


def test_a_tag_with_commas_becomes_several_tags() -> None:
    assert fit_tags(["cooking, pasta,,italian food"]) == ["cooking", "pasta", "italian food"]


def test_tags_are_cut_to_five_hundred_characters_as_youtube_counts_them() -> None:
    tags = [f"tomato plant {index}" for index in range(100)]

    fitted = fit_tags(tags)

    assert tags_length(fitted) <= MAX_TAGS_CHARS
    assert tags_length(fitted) > MAX_TAGS_CHARS - len('"tomato plant 99",')
    assert fitted == tags[: len(fitted)]  # the best (first) ones are kept
    assert tags_problem(fitted) is None


def test_a_tag_too_long_on_its_own_is_skipped_and_shorter_ones_still_fit() -> None:
    fitted = fit_tags(["x" * 600, "pasta", "y" * 495, "garden"])

    assert fitted == ["pasta", "garden"]


def test_multi_byte_tags_are_counted_in_characters() -> None:
    tags = [f"料理{chr(0x4E00 + index)}" for index in range(200)]  # 3 characters, 9 bytes

    fitted = fit_tags(tags)

    assert tags_length(fitted) <= MAX_TAGS_CHARS
    assert len(fitted) == (MAX_TAGS_CHARS + 1) // len("料理一,")
    assert tags_problem(fitted) is None


# Show notes


def test_show_notes_are_tidied_and_kept_under_five_thousand_bytes() -> None:
    notes = (
        "Summary\r\nIt <really> was good.\n\n\n\nKey points\n- 0:00 Intro: 🍝 " + "mangia " * 2000
    )

    fitted = fit_show_notes(notes)

    assert size(fitted) <= MAX_SHOW_NOTES_BYTES
    assert fitted.startswith("Summary\nIt really was good.\n\nKey points\n- 0:00 Intro: 🍝 mangia")
    assert fitted.endswith("mangia" + ELLIPSIS)


def test_long_show_notes_end_on_a_whole_line_or_sentence() -> None:
    points = "\n".join(
        f"- {index}:00 Part {index}: Something was said here." for index in range(300)
    )

    fitted = fit_show_notes("Summary\nA talk.\n\nKey points\n" + points)

    assert size(fitted) <= MAX_SHOW_NOTES_BYTES
    assert fitted.endswith("Something was said here.")
    assert "<" not in fitted and ">" not in fitted


def test_short_show_notes_are_left_as_they_are() -> None:
    notes = "Summary\nA short talk.\n\nKey points\n- 0:00 Intro: Hello."

    assert fit_show_notes(notes) == notes
