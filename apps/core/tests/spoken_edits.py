"""A processed spoken video, and a creator's find-and-replace on its transcript."""

import re
from pathlib import Path
from typing import Any

from tests.conftest import Api, auth
from tests.speech_media import SpeechVideo, speech_video
from tests.workers import drain_queue

# Two topics read aloud: about 40 s, long enough for three chapters of 10 s.
TOPIC_COUNT = 2


def short_spoken_video(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech", topic_count=TOPIC_COUNT)


async def processed_video(api: Api, token: str, video: Path) -> str:
    response = await api.upload(token, video)
    assert response.status_code == 201, response.text
    await drain_queue(api)
    video_id: str = response.json()["video_id"]
    return video_id


async def get_json(api: Api, token: str, url: str) -> Any:
    response = await api.client.get(url, headers=auth(token))
    assert response.status_code == 200, (url, response.text)
    return response.json()


def bare(word: str) -> str:
    return re.sub(r"\W", "", word).casefold()


def replaced_everywhere(transcript: dict[str, Any], word: str, by: str) -> list[dict[str, Any]]:
    """Every line as the editor sends it, with `word` replaced wherever it stands alone."""
    return [
        {
            "id": segment["id"],
            "start": segment["start"],
            "end": segment["end"],
            "text": " ".join(
                re.sub(r"\w+", by, token) if bare(token) == bare(word) else token
                for token in segment["text"].split()
            ),
        }
        for segment in transcript["segments"]
    ]


def has_word(text: str, word: str) -> bool:
    return bare(word) in {bare(token) for token in text.split()}
