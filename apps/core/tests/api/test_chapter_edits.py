"""Chapters have one source: the chapter list. The description's chapter lines, youtube.txt
and export.json are made from it, and chapter lines typed into the description become it."""

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Api, auth
from tests.editing import editable_upload
from tests.spoken_edits import get_json

CHAPTERS = [
    {"start_seconds": 0, "title": "Intro"},
    {"start_seconds": 12, "title": "Trams"},
    {"start_seconds": 25, "title": "Food"},
]
LINES = "0:00 Intro\n0:12 Trams\n0:25 Food"


async def editable(api: Api, long_mp4: Path) -> tuple[str, str, str]:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    titled = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers=auth(token),
        json={"title": "Lisbon", "description": "A day in Lisbon."},
    )
    assert titled.status_code == 200, titled.text
    return token, video_id, f"/api/videos/{video_id}"


async def put_chapters(
    api: Api, token: str, base: str, chapters: list[dict[str, Any]]
) -> dict[str, Any]:
    version = (await get_json(api, token, base))["metadata"]["version"]
    response = await api.client.put(
        f"{base}/chapters", headers=auth(token), json={"version": version, "chapters": chapters}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_edited_chapters_are_the_description_youtube_text_and_export(
    api: Api, long_mp4: Path
) -> None:
    token, _, base = await editable(api, long_mp4)

    saved = await put_chapters(api, token, base, CHAPTERS)

    assert saved["chapters"] == CHAPTERS
    assert saved["description"] == f"A day in Lisbon.\n\n{LINES}"
    assert saved["description_body"] == "A day in Lisbon."
    assert "chapters" in saved["edited_fields"]
    youtube = (await api.client.get(f"{base}/youtube.txt", headers=auth(token))).text
    assert f"DESCRIPTION\nA day in Lisbon.\n\n{LINES}\n\nTAGS" in youtube
    export = await get_json(api, token, f"{base}/export.json")
    assert export["metadata"]["chapters"] == CHAPTERS
    assert export["metadata"]["description"] == saved["description"]

    renamed = await put_chapters(
        api, token, base, [*CHAPTERS[:2], {"start_seconds": 30, "title": "Pastries"}]
    )

    assert renamed["description"] == "A day in Lisbon.\n\n0:00 Intro\n0:12 Trams\n0:30 Pastries"
    removed = await put_chapters(api, token, base, [])
    assert removed["description"] == "A day in Lisbon." and removed["chapters"] == []


@pytest.mark.parametrize(
    ("chapters", "message"),
    [
        (CHAPTERS[:2], "at least 3 chapters"),
        (
            [{"start_seconds": 3, "title": "Intro"}, *CHAPTERS[1:]],
            "first chapter must start at 0:00",
        ),
        ([*CHAPTERS[:2], {"start_seconds": 15, "title": "Food"}], "at least 10 seconds"),
        ([CHAPTERS[0], CHAPTERS[2], CHAPTERS[1]], "ascending order"),
        ([*CHAPTERS[:2], {"start_seconds": 3600, "title": "Food"}], "inside the video"),
        ([*CHAPTERS[:2], {"start_seconds": 25, "title": "  "}], "must not be empty"),
    ],
)
async def test_chapters_youtube_would_refuse_are_refused_and_nothing_changes(
    api: Api, long_mp4: Path, chapters: list[dict[str, Any]], message: str
) -> None:
    token, _, base = await editable(api, long_mp4)
    await put_chapters(api, token, base, CHAPTERS)
    version = (await get_json(api, token, base))["metadata"]["version"]

    response = await api.client.put(
        f"{base}/chapters", headers=auth(token), json={"version": version, "chapters": chapters}
    )

    assert response.status_code == 422, response.text
    assert message in response.json()["error"]["message"]
    metadata = (await get_json(api, token, base))["metadata"]
    assert (metadata["chapters"], metadata["version"]) == (CHAPTERS, version)


async def test_chapter_lines_typed_into_the_description_become_the_chapters(
    api: Api, long_mp4: Path
) -> None:
    token, _, base = await editable(api, long_mp4)
    typed = "Trams and pastries.\n\n- 0:00 Intro\n0:12 – Trams\n0:25: Food\n\nSee you soon!"

    response = await api.client.patch(
        f"{base}/metadata", headers=auth(token), json={"description": typed}
    )

    assert response.status_code == 200, response.text
    saved = response.json()
    assert saved["chapters"] == CHAPTERS
    assert saved["description_body"] == "Trams and pastries.\n\nSee you soon!"
    assert saved["description"].endswith(f"See you soon!\n\n{LINES}")
    # The description as shown, sent back unchanged, changes nothing.
    again = await api.client.patch(
        f"{base}/metadata", headers=auth(token), json={"description": saved["description"]}
    )
    assert again.json()["chapters"] == CHAPTERS
    assert again.json()["description"] == saved["description"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Intro text\n0:00 Intro\n0:05 Trams\n0:25 Food", "at least 10 seconds"),
        ("0:00 Intro\n0:12 Trams", "at least 3 chapters"),
        ("0:00 Intro\n0:12 Trams\n0:75 Food", "no valid time: 0:75"),
        ("0:00 Intro\n0:12\n0:25 Food", "needs a title after 0:12"),
        ("0:00 Intro\n0:12 Trams\n59:00 Food", "inside the video"),
    ],
)
async def test_chapter_lines_youtube_would_refuse_are_refused_with_a_reason(
    api: Api, long_mp4: Path, typed: str, message: str
) -> None:
    token, _, base = await editable(api, long_mp4)

    response = await api.client.patch(
        f"{base}/metadata", headers=auth(token), json={"description": typed, "title": "Not kept"}
    )

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert message in error["message"]
    assert error["details"][0]["field"] == "description"
    metadata = (await get_json(api, token, base))["metadata"]
    assert (metadata["title"], metadata["description"], metadata["chapters"]) == (
        "Lisbon",
        "A day in Lisbon.",
        [],
    )


async def test_the_description_sent_back_as_shown_keeps_the_chapters_exact_times(
    api: Api, long_mp4: Path
) -> None:
    token, _, base = await editable(api, long_mp4)
    precise = [
        {"start_seconds": 0, "title": "Intro"},
        {"start_seconds": 12.37, "title": "Trams"},
        {"start_seconds": 25.5, "title": "Food"},
    ]
    shown = (await put_chapters(api, token, base, precise))["description"]
    assert shown.endswith(LINES)

    response = await api.client.patch(
        f"{base}/metadata",
        headers=auth(token),
        json={"description": shown.replace("A day", "One day"), "chapters": precise},
    )

    assert response.status_code == 200, response.text
    assert response.json()["chapters"] == precise
    assert response.json()["description_body"] == "One day in Lisbon."


async def test_chapters_sent_twice_in_disagreement_are_refused(api: Api, long_mp4: Path) -> None:
    token, _, base = await editable(api, long_mp4)

    response = await api.client.patch(
        f"{base}/metadata",
        headers=auth(token),
        json={
            "description": f"Body\n{LINES}",
            "chapters": [*CHAPTERS[:2], {"start_seconds": 30, "title": "X"}],
        },
    )

    assert response.status_code == 422
    assert "send the chapters in one place" in response.json()["error"]["message"]


async def test_a_description_too_long_for_its_chapter_lines_is_refused(
    api: Api, long_mp4: Path
) -> None:
    token, _, base = await editable(api, long_mp4)
    await put_chapters(api, token, base, CHAPTERS)

    response = await api.client.patch(
        f"{base}/metadata", headers=auth(token), json={"description": "a" * 4990}
    )

    assert response.status_code == 422
    assert "With its chapter lines the description would be" in response.json()["error"]["message"]
