"""A reprocess keeps what the creator edited and offers the new drafts beside it; with
`keep_edits: false` it redoes everything. Through the real pipeline, on spoken video."""

from pathlib import Path
from typing import Any

import pytest
import srt

from tests.conftest import Api, auth
from tests.speech_media import SpeechVideo
from tests.spoken_edits import (
    get_json,
    has_word,
    processed_video,
    replaced_everywhere,
    short_spoken_video,
)
from tests.workers import drain_queue

FIX = "Zanzibar"
CHAPTERS = [
    {"start_seconds": 0, "title": "Boiling water"},
    {"start_seconds": 12, "title": "Serving"},
    {"start_seconds": 24, "title": "Stars at night"},
]


@pytest.fixture(scope="session")
def spoken(media_dir: Path) -> SpeechVideo:
    return short_spoken_video(media_dir)


async def reprocess(api: Api, token: str, video_id: str, body: dict[str, Any] | None) -> None:
    response = await api.client.post(
        f"/api/videos/{video_id}/reprocess", headers=auth(token), json=body
    )
    assert response.status_code == 201, response.text
    assert await drain_queue(api) == 1


async def test_a_reprocess_keeps_the_edits_and_offers_new_drafts_beside_them(
    api: Api, spoken: SpeechVideo
) -> None:
    token = await api.register("creator@example.com")
    video_id = await processed_video(api, token, spoken.path)
    base = f"/api/videos/{video_id}"
    drafted = (await get_json(api, token, base))["metadata"]
    edited = await api.client.patch(
        f"{base}/metadata",
        headers=auth(token),
        json={"version": drafted["version"], "title": "My pasta night", "tags": ["mine"]},
    )
    assert edited.status_code == 200, edited.text
    chaptered = await api.client.put(
        f"{base}/chapters",
        headers=auth(token),
        json={"version": edited.json()["version"], "chapters": CHAPTERS},
    )
    assert chaptered.status_code == 200, chaptered.text
    transcript = await get_json(api, token, f"{base}/transcript")
    word = transcript["segments"][0]["words"][0]["word"]
    fixed = await api.client.put(
        f"{base}/transcript",
        headers=auth(token),
        json={
            "version": transcript["version"],
            "segments": replaced_everywhere(transcript, word, FIX),
        },
    )
    assert fixed.status_code == 200, fixed.text

    await reprocess(api, token, video_id, None)  # keep_edits is the default

    detail = await get_json(api, token, base)
    metadata = detail["metadata"]
    assert metadata["job_id"] != drafted["job_id"]
    assert (metadata["title"], metadata["tags"], metadata["chapters"]) == (
        "My pasta night",
        ["mine"],
        CHAPTERS,
    )
    assert set(metadata["edited_fields"]) == {"title", "tags", "chapters", "transcript"}
    assert metadata["title_suggestions"], "new title drafts are offered beside the edit"
    assert metadata["description"].endswith("0:00 Boiling water\n0:12 Serving\n0:24 Stars at night")
    assert "0:12 Serving" in metadata["show_notes_text"]
    assert metadata["description"] != drafted["description"]  # not edited: drafted again
    kept = await get_json(api, token, f"{base}/transcript")
    assert kept["edited"] is True
    assert [s["text"] for s in kept["segments"]] == [s["text"] for s in fixed.json()["segments"]]
    assert kept["original"] and not any(has_word(s["text"], FIX) for s in kept["original"])
    stages = {stage["name"]: stage for stage in detail["latest_job"]["processing_stages"]}
    assert "edited transcript is kept" in stages["transcribe"]["detail"]
    assert stages["chapters"]["status"] == "SKIPPED"
    subtitles = (await api.client.get(f"{base}/subtitles.srt", headers=auth(token))).text
    assert any(has_word(cue.content, FIX) for cue in srt.parse(subtitles))
    youtube = (await api.client.get(f"{base}/youtube.txt", headers=auth(token))).text
    assert "TITLE\nMy pasta night\n" in youtube and "0:24 Stars at night" in youtube

    await reprocess(api, token, video_id, {"keep_edits": False})

    redone = (await get_json(api, token, base))["metadata"]
    assert redone["edited_fields"] == []
    assert redone["title"] == redone["title_suggestions"][0] != "My pasta night"
    assert redone["tags"] != ["mine"] and redone["chapters"] != CHAPTERS
    redone_transcript = await get_json(api, token, f"{base}/transcript")
    assert redone_transcript["edited"] is False and redone_transcript["original"] is None
    assert not any(has_word(s["text"], FIX) for s in redone_transcript["segments"])
