"""Titles that look empty and tags that span lines are refused, naming the field.

A title of zero-width spaces passes a plain `strip()`, yet YouTube (and every list that
shows it) would show nothing at all; a line break inside a tag is not one tag.
"""

from pathlib import Path
from typing import Any

import pytest

from tests.auth.test_auth import error_of
from tests.conftest import Api, auth
from tests.editing import editable_upload

INVISIBLE = [
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\u2060\u2060", id="word-joiner"),
    pytest.param("\ufeff", id="byte-order-mark"),
    pytest.param("\u00ad", id="soft-hyphen"),
    pytest.param(" \u200b\t\u00a0\u3000", id="mixed-with-whitespace"),
    pytest.param("\u200e\u200f\u202e", id="direction-marks"),
    pytest.param("\u3164", id="hangul-filler"),
]
LINE_BREAKS = [
    pytest.param("two\nlines", id="newline"),
    pytest.param("two\rlines", id="carriage-return"),
    pytest.param("two\u2028lines", id="line-separator"),
]


async def uploaded_video(api: Api, sample_mp4: Path) -> tuple[str, str]:
    token = await api.register("creator@example.com")
    video_id: str = (await editable_upload(api, token, sample_mp4))["video_id"]
    return token, video_id


async def edit(api: Api, token: str, video_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata", headers=auth(token), json=changes
    )
    return error_of(response, 422)


async def saved_metadata(api: Api, token: str, video_id: str) -> dict[str, Any]:
    detail = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    metadata: dict[str, Any] = detail.json()["metadata"]
    return metadata


@pytest.mark.parametrize("invisible", INVISIBLE)
async def test_a_title_of_invisible_characters_is_refused(
    api: Api, sample_mp4: Path, invisible: str
) -> None:
    token, video_id = await uploaded_video(api, sample_mp4)

    error = await edit(api, token, video_id, {"title": invisible})

    assert error["message"] == "Title must not be empty."
    assert [detail["field"] for detail in error["details"]] == ["title"]
    assert (await saved_metadata(api, token, video_id))["title"] is None


@pytest.mark.parametrize("invisible", INVISIBLE)
async def test_a_tag_of_invisible_characters_is_refused(
    api: Api, sample_mp4: Path, invisible: str
) -> None:
    token, video_id = await uploaded_video(api, sample_mp4)

    error = await edit(api, token, video_id, {"tags": ["cooking", invisible]})

    assert error["message"] == "Tags must not be empty."
    assert [detail["field"] for detail in error["details"]] == ["tags"]


async def test_a_chapter_title_of_invisible_characters_is_refused(api: Api, long_mp4: Path) -> None:
    token, video_id = await uploaded_video(api, long_mp4)
    chapters = [
        {"start_seconds": 0, "title": "Intro"},
        {"start_seconds": 12, "title": "\u200b\u00ad"},
        {"start_seconds": 25, "title": "End"},
    ]

    error = await edit(api, token, video_id, {"chapters": chapters})

    assert error["message"] == "Chapter titles must not be empty."
    assert [detail["field"] for detail in error["details"]] == ["chapters.1.title"]
    assert (await saved_metadata(api, token, video_id))["chapters"] == []


@pytest.mark.parametrize("tag", LINE_BREAKS)
async def test_a_tag_with_a_line_break_is_refused(api: Api, sample_mp4: Path, tag: str) -> None:
    token, video_id = await uploaded_video(api, sample_mp4)

    error = await edit(api, token, video_id, {"tags": ["cooking", tag]})

    assert error["message"] == "Tags must be one line each, without control characters."
    assert [detail["field"] for detail in error["details"]] == ["tags"]
    assert (await saved_metadata(api, token, video_id))["tags"] == []


async def test_visible_text_around_invisible_characters_is_kept(api: Api, sample_mp4: Path) -> None:
    token, video_id = await uploaded_video(api, sample_mp4)

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers=auth(token),
        json={"title": "\u200bSoft\u00adware", "tags": ["  trimmed  ", "bread"]},
    )

    assert response.status_code == 200, response.text
    assert response.json()["title"] == "\u200bSoft\u00adware"
    assert response.json()["tags"] == ["trimmed", "bread"]
