"""An uploaded video becomes YouTube-ready metadata with the real engines, unattended."""

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import srt
import webvtt
from PIL import Image

from echo_core import youtube_rules
from tests.conftest import Api, auth
from tests.heard_words import doubtful_words, singular, words_of
from tests.media import garbled_copy, make_video, times_stored_between
from tests.speech_media import SpeechVideo, speech_video
from tests.wer import word_error_rate
from tests.workers import drain_queue

# pocketsphinx on four flite voices measured 16-17% here; see docs/decisions.md.
MAX_WORD_ERROR_RATE = 0.25
# How far a chapter boundary may sit from the real change of topic.
CHAPTER_TOLERANCE_SECONDS = 12.0


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


@pytest.fixture(scope="session")
def spoken_webm(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech", container="webm")


async def process(api: Api, token: str, video: Path, filename: str | None = None) -> dict[str, Any]:
    response = await api.upload(token, video, filename=filename)
    assert response.status_code == 201, response.text
    await drain_queue(api)
    detail = await api.client.get(f"/api/videos/{response.json()['video_id']}", headers=auth(token))
    body: dict[str, Any] = detail.json()
    return body


async def download(api: Api, token: str, video_id: str, name: str) -> str:
    response = await api.client.get(f"/api/videos/{video_id}/{name}", headers=auth(token))
    assert response.status_code == 200, (name, response.text)
    return response.text


def assert_youtube_rules(metadata: dict[str, Any]) -> None:
    assert len(metadata["title_suggestions"]) >= 5
    for title in metadata["title_suggestions"]:
        assert youtube_rules.title_problem(title) is None, title
    assert metadata["title"] == metadata["title_suggestions"][0]
    assert youtube_rules.description_problem(metadata["description"]) is None
    assert youtube_rules.tags_problem(metadata["tags"]) is None
    assert metadata["tags"]
    assert metadata["show_notes_text"].strip()


def assert_names_the_topics(metadata: dict[str, Any], spoken: SpeechVideo) -> None:
    """Titles and tags name what was really said, and nothing the recognizer only guessed."""
    doubtful = doubtful_words(metadata["transcript_segments"])
    titles, tags = metadata["title_suggestions"], metadata["tags"]
    for topic in spoken.topics:
        keywords = {singular(word) for word in topic.topic.keywords}
        assert any(singular(word) in keywords for title in titles for word in words_of(title)), (
            topic.topic.name,
            titles,
        )
        assert any(singular(word) in keywords for tag in tags for word in words_of(tag)), (
            topic.topic.name,
            tags,
        )
    for text in [*titles, *tags, *(chapter["title"] for chapter in metadata["chapters"])]:
        assert not doubtful & set(words_of(text)), (text, doubtful)


async def test_spoken_video_becomes_complete_metadata(api: Api, spoken_mp4: SpeechVideo) -> None:
    token = await api.register("creator@example.com")

    detail = await process(api, token, spoken_mp4.path)

    job, metadata, video_id = detail["latest_job"], detail["metadata"], detail["id"]
    assert job["status"] == "COMPLETED", job
    assert all(stage["status"] == "COMPLETED" for stage in job["processing_stages"])
    assert all(stage["progress"] == 1.0 for stage in job["processing_stages"])
    assert metadata["engines"] == {"transcript": "pocketsphinx", "text": "local"}
    transcribe = next(s for s in job["processing_stages"] if s["name"] == "transcribe")
    assert transcribe["detail"].startswith("pocketsphinx")

    assert word_error_rate(spoken_mp4.text, metadata["transcript_text"]) <= MAX_WORD_ERROR_RATE
    assert metadata["language"] == "en"
    words = [w for segment in metadata["transcript_segments"] for w in segment["words"]]
    assert all(0 <= w["start"] <= w["end"] <= spoken_mp4.duration_seconds + 0.5 for w in words)
    sentences = [segment["text"] for segment in metadata["transcript_segments"]]
    assert len(sentences) >= 12, sentences  # flite reads 17 sentences
    for sentence in sentences:
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert 3 <= len(sentence.split()) <= 40, sentence

    chapter_starts = [chapter["start_seconds"] for chapter in metadata["chapters"]]
    assert youtube_rules.chapters_problem(chapter_starts, spoken_mp4.duration_seconds) is None
    for spoken in spoken_mp4.topics[1:]:
        nearest = min(abs(start - spoken.start_seconds) for start in chapter_starts)
        assert nearest <= CHAPTER_TOLERANCE_SECONDS, (spoken.topic.name, chapter_starts)

    assert_youtube_rules(metadata)
    chapter_list = "\n".join(
        f"{youtube_rules.format_timestamp(c['start_seconds'])} {c['title']}"
        for c in metadata["chapters"]
    )
    assert metadata["description"].rstrip().endswith(chapter_list)

    cues = list(srt.parse(await download(api, token, video_id, "subtitles.srt")))
    assert len(cues) >= 10
    for cue, following in zip(cues, [*cues[1:], None], strict=True):
        lines = cue.content.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 45 for line in lines), cue.content
        seconds = (cue.end - cue.start).total_seconds()
        assert 0 < seconds <= 7.01
        assert cue.end.total_seconds() <= spoken_mp4.duration_seconds + 0.01
        if following is not None:
            assert cue.end <= following.start
    vtt_text = await download(api, token, video_id, "subtitles.vtt")
    captions = webvtt.from_string(vtt_text)
    assert len(captions) == len(cues)

    assert len(metadata["thumbnail_candidates"]) >= 3
    image = await api.client.get(metadata["thumbnail_candidates"][0]["url"], headers=auth(token))
    assert image.headers["content-type"] == "image/jpeg" and image.content[:2] == b"\xff\xd8"
    best = max(metadata["thumbnail_candidates"], key=lambda candidate: candidate["score"])
    assert metadata["thumbnail_file_url"] == best["url"]

    transcript_txt = await download(api, token, video_id, "transcript.txt")
    assert transcript_txt.strip() == metadata["transcript_text"].strip()
    assert transcript_txt.strip().split("\n") == sentences
    assert cues[0].content.startswith("To cook pasta")

    assert_names_the_topics(metadata, spoken_mp4)
    youtube_txt = await download(api, token, video_id, "youtube.txt")
    assert metadata["title"] in youtube_txt and chapter_list in youtube_txt
    exported = await api.client.get(f"/api/videos/{video_id}/export.json", headers=auth(token))
    assert exported.json()["metadata"]["chapters"] == metadata["chapters"]


async def test_video_damaged_in_the_middle_is_processed_with_a_warning(
    api: Api, spoken_mp4: SpeechVideo, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    garbled = garbled_copy(
        spoken_mp4.path, tmp_path / "damaged.mp4", at_fraction=0.5, length=20_000
    )
    damaged_from, damaged_to = times_stored_between(
        garbled.path, garbled.first_byte, garbled.end_byte
    )

    detail = await process(api, token, garbled.path)

    job = detail["latest_job"]
    assert job["status"] == "COMPLETED", job["error_message"]
    [warning] = job["warnings"]
    said = re.fullmatch(
        r"The sound is damaged from (\d+):(\d\d) to (\d+):(\d\d): that part is silent and "
        r"its words are missing from the transcript\.",
        warning,
    )
    assert said, warning
    said_from = int(said[1]) * 60 + int(said[2])
    said_to = int(said[3]) * 60 + int(said[4])
    assert damaged_from - 1 <= said_from <= said_to <= damaged_to + 1, (warning, damaged_from)
    from_job_page = await api.client.get(
        f"/api/video-processing-jobs/{job['id']}", headers=auth(token)
    )
    assert from_job_page.json()["warnings"] == [warning]
    # What comes after the damage is still heard.
    last_topic = spoken_mp4.topics[-1].topic
    assert set(words_of(detail["metadata"]["transcript_text"])) & last_topic.keywords


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_webm_upload_is_transcribed_too(api: Api, spoken_webm: SpeechVideo) -> None:
    token = await api.register("creator@example.com")

    detail = await process(api, token, spoken_webm.path)

    assert detail["latest_job"]["status"] == "COMPLETED"
    wer = word_error_rate(spoken_webm.text, detail["metadata"]["transcript_text"])
    assert wer <= MAX_WORD_ERROR_RATE


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_video_without_audio_completes_with_an_empty_transcript(
    api: Api, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    silent = make_video(tmp_path / "b-roll.mp4", seconds=6, with_audio=False)

    detail = await process(api, token, silent, filename="Harbour b-roll.mp4")

    job, metadata = detail["latest_job"], detail["metadata"]
    assert job["status"] == "COMPLETED"
    stages = {stage["name"]: stage for stage in job["processing_stages"]}
    assert "No audio" in stages["extract_audio"]["detail"]
    assert metadata["transcript_text"] == "" and metadata["chapters"] == []
    assert_youtube_rules(metadata)
    assert any("Harbour" in title for title in metadata["title_suggestions"])
    subtitles = await download(api, token, detail["id"], "subtitles.vtt")
    assert subtitles.startswith("WEBVTT")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_vertical_short_gets_full_width_thumbnails(api: Api, tmp_path: Path) -> None:
    token = await api.register("creator@example.com")
    short = make_video(tmp_path / "short.mp4", seconds=8, width=180, height=320)

    detail = await process(api, token, short)

    assert detail["latest_job"]["status"] == "COMPLETED"
    assert detail["metadata"]["extracted_video_resolution"] == "180x320"
    first = detail["metadata"]["thumbnail_candidates"][0]["url"]
    image = await api.client.get(first, headers=auth(token))
    with Image.open(BytesIO(image.content)) as picture:
        assert picture.size == (1280, round(1280 * 320 / 180))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_file_damaged_in_storage_fails_with_a_clear_message(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    response = await api.upload(token, sample_mp4)
    [stored] = api.stored_files()
    stored.write_bytes(b"this is no longer a video")

    await drain_queue(api)

    job = (
        await api.client.get(
            f"/api/video-processing-jobs/{response.json()['job_id']}", headers=auth(token)
        )
    ).json()
    assert job["status"] == "FAILED"
    assert job["error_message"].startswith("Reading the video failed")
    assert "not a video" in job["error_message"]
    assert job["attempts"] == 1  # a damaged file will not heal: no pointless retries


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_failed_stage_is_retried_and_resumes_where_it_stopped(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    response = await api.upload(token, sample_mp4)
    job_url = f"/api/video-processing-jobs/{response.json()['job_id']}"
    # A transcription service that cannot be reached fails every attempt of that stage.
    unreachable = {"asr_engine": "openai", "openai_base_url": "http://127.0.0.1:9/v1"}

    await drain_queue(api, job_max_attempts=2, **unreachable)
    failed = (await api.client.get(job_url, headers=auth(token))).json()
    retried = await api.client.post(f"{job_url}/retry", headers=auth(token))
    await drain_queue(api)
    done = (await api.client.get(job_url, headers=auth(token))).json()

    assert failed["status"] == "FAILED" and failed["attempts"] == 2
    assert failed["error_message"].startswith("Transcription failed after 2 attempts")
    assert retried.status_code == 200
    assert done["status"] == "COMPLETED"
    before = {stage["name"]: stage for stage in failed["processing_stages"]}
    after = {stage["name"]: stage for stage in done["processing_stages"]}
    for finished_early in ("probe", "extract_audio"):
        assert after[finished_early]["finished_at"] == before[finished_early]["finished_at"]
    assert before["transcribe"]["status"] == "FAILED"
    assert after["transcribe"]["status"] == "COMPLETED"
