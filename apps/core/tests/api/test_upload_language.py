"""The language spoken in an upload: checked against the speech engines at upload, kept for
the job and its reprocessing; a language nothing here can transcribe is refused (422)."""

import os
import uuid
from pathlib import Path

from sqlalchemy import select

from echo_core.config import Settings
from echo_core.db import create_engine
from echo_core.models import Video, VideoJob, VideoMetadata
from tests.api.test_uploads import assert_nothing_kept
from tests.conftest import Api, AppFactory, auth
from tests.tiny_whisper import cache_tiny_whisper


async def upload_in(api: Api, token: str, video: Path, language: str) -> dict[str, object]:
    with video.open("rb") as handle:
        response = await api.client.post(
            "/api/videos",
            headers=auth(token),
            files={"file": (video.name, handle, "video/mp4")},
            data={"language": language},
        )
    return {"http_status": response.status_code, **response.json()}


async def stored_languages(api: Api) -> list[tuple[str, str | None]]:
    """(the video's language, its jobs' language) for every job, oldest first."""
    engine = create_engine(api.settings.resolved_database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(Video.language, VideoMetadata.language)
                .join(VideoJob, VideoJob.video_id == Video.id)
                .join(VideoMetadata, VideoMetadata.job_id == VideoJob.id)
                .order_by(VideoJob.created_at)
            )
            return [(row[0], row[1]) for row in rows]
    finally:
        await engine.dispose()


def with_tiny_whisper(settings: Settings) -> Settings:
    repository = f"echo-tests/tiny-{uuid.uuid4().hex[:12]}"
    cache_tiny_whisper(Path(os.environ["HF_HUB_CACHE"]), repository)
    return settings.model_copy(update={"whisper_model": repository})


async def test_a_language_whisper_can_transcribe_is_kept_for_the_job_and_its_reprocessing(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(with_tiny_whisper(settings))
    token = await api.register("creator@example.com")

    uploaded = await upload_in(api, token, sample_mp4, "DE")
    assert uploaded["http_status"] == 201, uploaded
    again = await api.client.post(
        f"/api/videos/{uploaded['video_id']}/reprocess", headers=auth(token)
    )
    assert again.status_code in (201, 409), again.text

    languages = await stored_languages(api)
    assert languages and all(language == ("de", "de") for language in languages)


async def test_without_a_language_it_is_detected(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4)

    assert response.status_code == 201, response.text
    assert await stored_languages(api) == [("auto", None)]


async def test_an_unknown_language_is_refused_and_nothing_is_kept(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")

    refused = await upload_in(api, token, sample_mp4, "klingon")

    assert refused["http_status"] == 422
    assert "ISO 639-1" in str(refused["error"])
    await assert_nothing_kept(api)


async def test_pocketsphinx_alone_refuses_other_languages_and_says_what_to_set(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"asr_engine": "pocketsphinx"}))
    token = await api.register("creator@example.com")

    refused = await upload_in(api, token, sample_mp4, "fr")
    english = await upload_in(api, token, sample_mp4, "en")

    assert refused["http_status"] == 422
    assert "French" in str(refused["error"])
    assert "ECHO_ASR_ENGINE=auto" in str(refused["error"])
    assert english["http_status"] == 201


async def test_without_the_whisper_model_other_languages_are_refused_naming_the_fix(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    # The tests' hub is offline and no model is cached under this name.
    api = await make_api(settings.model_copy(update={"whisper_model": "echo-tests/absent"}))
    token = await api.register("creator@example.com")

    refused = await upload_in(api, token, sample_mp4, "ja")

    assert refused["http_status"] == 422
    assert "Japanese needs Whisper" in str(refused["error"])
    assert "echo-core models pull" in str(refused["error"])
    await assert_nothing_kept(api)
