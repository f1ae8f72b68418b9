"""The stage list as the API and the worker read it, including for jobs stored before a
stage existed."""

from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from echo_core.db import create_engine
from echo_core.models import VideoJob
from tests.conftest import Api, auth
from tests.job_polling import job_state, stage
from tests.workers import drain_queue

LABELS = {
    "probe": "Reading the video",
    "extract_audio": "Extracting the audio",
    "transcribe": "Transcription",
    "subtitles": "Building subtitles",
    "chapters": "Finding chapters",
    "metadata": "Writing titles and description",
    "thumbnails": "Picking thumbnails",
}


async def queued_job(api: Api, video: Path) -> tuple[str, str, str]:
    token = await api.register("creator@example.com")
    response = await api.upload(token, video)
    assert response.status_code == 201, response.text
    return token, response.json()["video_id"], response.json()["job_id"]


async def store_as_before(api: Api, job_id: str, missing: str) -> None:
    """Rewrite the job's stage list as a version without stage `missing` stored it."""
    engine = create_engine(api.settings.resolved_database_url)
    try:
        async with engine.begin() as connection:
            stored: list[dict[str, Any]] = (
                await connection.execute(
                    select(VideoJob.processing_stages).where(VideoJob.id == job_id)
                )
            ).scalar_one()
            await connection.execute(
                update(VideoJob)
                .where(VideoJob.id == job_id)
                .values(processing_stages=[s for s in stored if s["name"] != missing])
            )
    finally:
        await engine.dispose()


async def test_each_stage_comes_with_its_label(api: Api, sample_mp4: Path) -> None:
    token, video_id, job_id = await queued_job(api, sample_mp4)

    job = await job_state(api, token, job_id)
    assert {s["name"]: s["label"] for s in job["processing_stages"]} == LABELS
    assert list(LABELS) == [s["name"] for s in job["processing_stages"]]
    detail = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    assert [s["label"] for s in detail.json()["latest_job"]["processing_stages"]] == list(
        LABELS.values()
    )


async def test_a_job_stored_before_a_stage_existed_shows_it_pending(
    api: Api, sample_mp4: Path
) -> None:
    token, video_id, job_id = await queued_job(api, sample_mp4)
    await store_as_before(api, job_id, missing="chapters")

    job = await job_state(api, token, job_id)
    assert [s["name"] for s in job["processing_stages"]] == list(LABELS)
    chapters = stage(job, "chapters")
    assert (chapters["status"], chapters["progress"], chapters["label"]) == (
        "PENDING",
        0.0,
        "Finding chapters",
    )
    detail = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    assert [s["name"] for s in detail.json()["latest_job"]["processing_stages"]] == list(LABELS)
    listed = await api.client.get("/api/video-processing-jobs", headers=auth(token))
    assert [s["name"] for s in listed.json()["items"][0]["processing_stages"]] == list(LABELS)


async def test_the_worker_runs_a_stage_the_stored_job_predates(api: Api, sample_mp4: Path) -> None:
    token, video_id, job_id = await queued_job(api, sample_mp4)
    await store_as_before(api, job_id, missing="thumbnails")

    assert await drain_queue(api) == 1

    job = await job_state(api, token, job_id)
    assert job["status"] == "COMPLETED", job["error_message"]
    assert stage(job, "thumbnails")["status"] == "COMPLETED"
    detail = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()
    candidates = detail["metadata"]["thumbnail_candidates"]
    assert candidates
    image = await api.client.get(candidates[0]["url"], headers=auth(token))
    assert image.status_code == 200 and image.content[:2] == b"\xff\xd8"
