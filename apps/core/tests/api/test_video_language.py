"""The language a job used travels with everything it made: the page's answer, the WebVTT
header, the subtitle file names, export.json, and the warning when the offline text engine
cannot write it. Whisper is a tiny model the test builds (tests/tiny_whisper.py) that
detects French, whatever is said."""

import os
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Api, auth
from tests.speech_media import SpeechVideo, speech_video
from tests.tiny_whisper import cache_tiny_whisper
from tests.workers import drain_queue


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


def tiny_whisper_detecting(language: str) -> str:
    repository = f"echo-tests/tiny-{uuid.uuid4().hex[:12]}"
    cache_tiny_whisper(Path(os.environ["HF_HUB_CACHE"]), repository, language=language)
    return repository


async def processed(api: Api, token: str, video: Path, language: str) -> dict[str, Any]:
    with video.open("rb") as handle:
        response = await api.client.post(
            "/api/videos",
            headers=auth(token),
            files={"file": ("Pain au levain.mp4", handle, "video/mp4")},
            data={"language": language},
        )
    assert response.status_code == 201, response.text
    await drain_queue(api, asr_engine="auto", whisper_model=tiny_whisper_detecting("fr"))
    detail = await api.client.get(f"/api/videos/{response.json()['video_id']}", headers=auth(token))
    body: dict[str, Any] = detail.json()
    return body


async def test_a_detected_language_is_on_the_page_the_subtitles_and_the_export(
    api: Api, spoken_mp4: SpeechVideo
) -> None:
    token = await api.register("creator@example.com")

    detail = await processed(api, token, spoken_mp4.path, "auto")

    assert detail["latest_job"]["status"] == "COMPLETED", detail["latest_job"]
    assert detail["language"] == "auto"  # what the uploader said
    assert detail["metadata"]["language"] == "fr"  # what Whisper detected and the job used
    base = f"/api/videos/{detail['id']}"
    # Downloads are named after the video's title, then the language.
    titled = await api.client.patch(
        f"{base}/metadata", headers=auth(token), json={"title": "Pain au levain"}
    )
    assert titled.status_code == 200, titled.text

    vtt = await api.client.get(f"{base}/subtitles.vtt", headers=auth(token))
    assert vtt.text.startswith("WEBVTT\nLanguage: fr\n\n")
    srt = await api.client.get(f"{base}/subtitles.srt", headers=auth(token))
    assert srt.status_code == 200
    assert 'attachment; filename="Pain au levain.fr.srt"' in srt.headers["content-disposition"]
    assert 'filename="Pain au levain.fr.vtt"' in vtt.headers["content-disposition"]

    export = (await api.client.get(f"{base}/export.json", headers=auth(token))).json()
    assert export["language"] == "auto" and export["metadata"]["language"] == "fr"

    # The offline text engine cannot phrase French, and says so where the creator looks.
    warning = (
        "The offline text engine writes English; this video is in French: configure an LLM "
        "in Settings for French titles and descriptions."
    )
    assert any(text.startswith(warning) for text in detail["latest_job"]["warnings"])
    assert detail["metadata"]["tags"] == []


async def test_the_language_asked_for_wins_over_detection(
    api: Api, spoken_mp4: SpeechVideo
) -> None:
    token = await api.register("creator@example.com")

    detail = await processed(api, token, spoken_mp4.path, "en")

    assert detail["language"] == "en" and detail["metadata"]["language"] == "en"
    vtt = await api.client.get(f"/api/videos/{detail['id']}/subtitles.vtt", headers=auth(token))
    assert vtt.text.startswith("WEBVTT\nLanguage: en\n\n")
    assert detail["latest_job"]["warnings"] == []  # English: the offline engine phrases it
    assert detail["metadata"]["tags"]
