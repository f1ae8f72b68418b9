"""The transcript is edited through the API: unchanged words keep their timings, and the
subtitles, transcript.txt, export.json and the show notes follow at once."""

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import srt

from tests.conftest import Api, auth
from tests.editing import editable_upload
from tests.speech_media import SpeechVideo
from tests.spoken_edits import (
    bare,
    get_json,
    has_word,
    processed_video,
    replaced_everywhere,
    short_spoken_video,
)

FIX = "Zanzibar"


@pytest.fixture(scope="session")
def spoken(media_dir: Path) -> SpeechVideo:
    return short_spoken_video(media_dir)


def word_timings(transcript: dict[str, Any]) -> list[list[tuple[str, float, float]]]:
    return [
        [(word["word"], word["start"], word["end"]) for word in segment["words"]]
        for segment in transcript["segments"]
    ]


def misheard_word(transcript: dict[str, Any], show_notes: str) -> str:
    """A word heard in the transcript and written in the show notes: the one to fix."""
    noted = {bare(token) for token in show_notes.split()}
    heard = [
        word["word"]
        for segment in transcript["segments"]
        for word in segment["words"]
        if bare(word["word"]) in noted and len(bare(word["word"])) >= 5
    ]
    assert heard, "the show notes share no word with the transcript"
    return max(heard, key=lambda word: len(bare(word)))


async def test_a_fix_everywhere_keeps_timings_and_everything_follows(
    api: Api, spoken: SpeechVideo
) -> None:
    token = await api.register("creator@example.com")
    video_id = await processed_video(api, token, spoken.path)
    base = f"/api/videos/{video_id}"
    before = await get_json(api, token, f"{base}/transcript")
    notes_before = (await get_json(api, token, base))["metadata"]["show_notes_text"]
    misheard = misheard_word(before, notes_before)
    assert any(w["probability"] is not None for s in before["segments"] for w in s["words"])

    response = await api.client.put(
        f"{base}/transcript",
        headers=auth(token),
        json={"version": before["version"], "segments": replaced_everywhere(before, misheard, FIX)},
    )

    assert response.status_code == 200, response.text
    after = response.json()
    assert after["version"] == before["version"] + 1 and after["edited"] is True
    assert [s["id"] for s in after["segments"]] == [s["id"] for s in before["segments"]]
    fixed = 0
    for old, new, segment in zip(
        word_timings(before), word_timings(after), after["segments"], strict=True
    ):
        assert len(old) == len(new)
        for (old_word, *old_times), (new_word, *new_times) in zip(old, new, strict=True):
            if bare(old_word) == bare(misheard):
                fixed += 1
                assert bare(new_word) == bare(FIX)
                assert segment["start"] <= new_times[0] <= new_times[1] <= segment["end"]
            else:
                assert (new_word, *new_times) == (old_word, *old_times)
    assert fixed >= 1
    assert after["original"] == [
        {key: value for key, value in segment.items() if key != "id"}
        for segment in before["segments"]
    ]

    subtitles = await api.client.get(f"{base}/subtitles.srt", headers=auth(token))
    cues = list(srt.parse(subtitles.text))
    assert any(has_word(cue.content, FIX) for cue in cues)
    assert not any(has_word(cue.content, misheard) for cue in cues)
    vtt = (await api.client.get(f"{base}/subtitles.vtt", headers=auth(token))).text
    assert FIX in vtt and not has_word(vtt.replace("\n", " "), misheard)
    text = (await api.client.get(f"{base}/transcript.txt", headers=auth(token))).text
    assert has_word(text, FIX) and not has_word(text, misheard)
    export = await get_json(api, token, f"{base}/export.json")
    assert export["metadata"]["transcript_text"] + "\n" == text
    assert export["metadata"]["transcript_segments"][0]["words"] == after["segments"][0]["words"]
    notes = export["metadata"]["show_notes_text"]
    assert has_word(notes, FIX) and not has_word(notes, misheard)

    restored = await api.client.post(
        f"{base}/transcript/restore", headers=auth(token), json={"version": after["version"]}
    )

    assert restored.status_code == 200, restored.text
    assert restored.json()["edited"] is False and restored.json()["original"] is None
    assert word_timings(restored.json()) == word_timings(before)
    subtitles = await api.client.get(f"{base}/subtitles.srt", headers=auth(token))
    assert not any(has_word(cue.content, FIX) for cue in srt.parse(subtitles.text))
    notes = (await get_json(api, token, base))["metadata"]["show_notes_text"]
    assert has_word(notes, misheard) and not has_word(notes, FIX)


async def test_lines_are_split_merged_and_added(api: Api, spoken: SpeechVideo) -> None:
    token = await api.register("creator@example.com")
    video_id = await processed_video(api, token, spoken.path)
    url = f"/api/videos/{video_id}/transcript"
    before = await get_json(api, token, url)
    first, second, third, *rest = before["segments"]
    words = first["words"]
    middle = len(words) // 2
    cut = (words[middle - 1]["end"] + words[middle]["start"]) / 2
    # A new line in the pause between the two topics: the longest between two lines.
    kept = [{key: s[key] for key in ("id", "start", "end", "text")} for s in rest]
    pauses = [(b["start"] - a["end"], index) for index, (a, b) in enumerate(pairwise(kept))]
    pause, at = max(pauses)
    assert pause > 1, "no pause to add a line in"
    new_line = {
        "id": None,
        "start": kept[at]["end"] + 0.2,
        "end": kept[at + 1]["start"] - 0.2,
        "text": "(laughter) Right",
    }
    lines = [
        {"id": first["id"], "start": first["start"], "end": cut,
         "text": " ".join(w["word"] for w in words[:middle])},
        {"id": None, "start": cut, "end": first["end"],
         "text": " ".join(w["word"] for w in words[middle:])},
        {"id": second["id"], "start": second["start"], "end": third["end"],
         "text": f"{second['text']} {third['text']}"},
        *kept[: at + 1],
        new_line,
        *kept[at + 1 :],
    ]  # fmt: skip

    response = await api.client.put(
        url, headers=auth(token), json={"version": before["version"], "segments": lines}
    )

    assert response.status_code == 200, response.text
    after = response.json()["segments"]
    assert len(after) == len(before["segments"]) + 1
    timed = word_timings(before)
    assert word_timings({"segments": after[:2]}) == [timed[0][:middle], timed[0][middle:]]
    assert word_timings({"segments": [after[2]]}) == [timed[1] + timed[2]]
    added = after[3 + at + 1]
    assert added["id"] not in {s["id"] for s in before["segments"]} and added["id"]
    assert [w["word"] for w in added["words"]] == ["(laughter)", "Right"]
    assert all(added["start"] <= w["start"] <= w["end"] <= added["end"] for w in added["words"])
    again = await get_json(api, token, url)
    assert [s["id"] for s in again["segments"]] == [s["id"] for s in after]


def line(
    start: float, end: float, text: str = "Hello there", id: str | None = None
) -> dict[str, Any]:
    return {"id": id, "start": start, "end": end, "text": text}


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        ([line(0, 5), line(4, 8)], "segments.1", "Line 2 (0:04) starts before the line above ends"),
        ([line(6, 8), line(1, 3)], "segments.1", "must be in order"),
        ([line(10, 4000)], "segments.0", "ends after the video does"),
        ([line(3, 3)], "segments.0", "Line 1 (0:03) must end after it starts"),
        ([line(1, 2), line(3, 4, "   ")], "segments.1", "has no text"),
        ([line(1, 2, id="made-up")], "segments.0", "send null for a new line"),
    ],
)
async def test_lines_that_break_the_rules_are_refused_by_name(
    api: Api, long_mp4: Path, lines: list[dict[str, Any]], field: str, message: str
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    url = f"/api/videos/{video_id}/transcript"
    long_enough = await api.client.put(
        url, headers=auth(token), json={"version": 1, "segments": [line(0, 5, "Kept")]}
    )
    assert long_enough.status_code == 200, long_enough.text

    response = await api.client.put(
        url, headers=auth(token), json={"version": 2, "segments": [*lines]}
    )

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert message in error["message"]
    assert error["details"][0]["field"] == field
    saved = await get_json(api, token, url)
    assert (saved["version"], [s["text"] for s in saved["segments"]]) == (2, ["Kept"])


async def test_a_stale_transcript_version_answers_409_with_the_current_one(
    api: Api, long_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    url = f"/api/videos/{video_id}/transcript"
    first = await api.client.put(
        url, headers=auth(token), json={"version": 1, "segments": [line(0, 5, "One")]}
    )
    assert first.status_code == 200

    stale = await api.client.put(
        url, headers=auth(token), json={"version": 1, "segments": [line(0, 5, "Two")]}
    )

    assert stale.status_code == 409
    assert stale.json()["error"]["details"][0]["current_version"] == 2
    assert [s["text"] for s in (await get_json(api, token, url))["segments"]] == ["One"]


async def test_a_transcript_never_edited_has_nothing_to_restore(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]

    response = await api.client.post(
        f"/api/videos/{video_id}/transcript/restore", headers=auth(token), json={"version": 1}
    )

    assert response.status_code == 404
    assert "not been edited" in response.json()["error"]["message"]


async def test_another_users_transcript_is_not_found(api: Api, long_mp4: Path) -> None:
    owner = await api.register("owner@example.com")
    stranger = await api.register("stranger@example.com")
    video_id = (await editable_upload(api, owner, long_mp4))["video_id"]
    url = f"/api/videos/{video_id}/transcript"

    read = await api.client.get(url, headers=auth(stranger))
    write = await api.client.put(
        url, headers=auth(stranger), json={"version": 1, "segments": [line(0, 5)]}
    )

    assert read.status_code == write.status_code == 404
    assert (await get_json(api, owner, url))["segments"] == []


def test_the_fix_word_is_not_heard_in_the_talk(spoken: SpeechVideo) -> None:
    # The find-and-replace test relies on FIX appearing only where the creator typed it.
    assert not re.search(FIX, spoken.text, re.IGNORECASE)
