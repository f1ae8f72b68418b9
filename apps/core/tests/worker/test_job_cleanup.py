"""A finished job keeps only what it serves: the decoded audio and other scratch go when it
ends, and a reprocess that completes takes the previous job's files with it."""

import asyncio
import signal
from pathlib import Path
from typing import Any

from tests.conftest import Api, auth
from tests.job_polling import job_state, stage, wait_for
from tests.workers import drain_queue, kill_worker_process, start_worker_process

# A transcription service that cannot be reached fails that stage on every attempt.
UNREACHABLE_SPEECH = {"asr_engine": "openai", "openai_base_url": "http://127.0.0.1:9/v1"}


def job_files(api: Api, job_id: str) -> set[str]:
    folder = api.settings.media_dir / "jobs" / job_id
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def work_folders(api: Api) -> list[Path]:
    work_dir = api.settings.work_dir
    return list(work_dir.iterdir()) if work_dir.exists() else []


async def video_detail(api: Api, token: str, video_id: str) -> dict[str, Any]:
    response = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def served_files(detail: dict[str, Any]) -> set[str]:
    """The files the video page offers: both subtitle formats and every thumbnail."""
    thumbnails = {
        f"thumbnails/{candidate['index']}.jpg"
        for candidate in detail["metadata"]["thumbnail_candidates"]
    }
    return {"subtitles.srt", "subtitles.vtt"} | thumbnails


async def assert_serves_its_files(api: Api, token: str, detail: dict[str, Any]) -> None:
    video_url = f"/api/videos/{detail['id']}"
    for name in ("subtitles.srt", "subtitles.vtt"):
        response = await api.client.get(f"{video_url}/{name}", headers=auth(token))
        assert response.status_code == 200, (name, response.text)
    for candidate in detail["metadata"]["thumbnail_candidates"]:
        response = await api.client.get(candidate["url"], headers=auth(token))
        assert response.status_code == 200, (candidate, response.text)
        assert response.headers["content-type"] == "image/jpeg"


async def test_completed_job_keeps_only_the_files_it_serves(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()

    await drain_queue(api)

    job = await job_state(api, token, uploaded["job_id"])
    assert job["status"] == "COMPLETED", job["error_message"]
    detail = await video_detail(api, token, uploaded["video_id"])
    assert detail["metadata"]["thumbnail_candidates"]
    assert job_files(api, job["id"]) == served_files(detail)
    assert work_folders(api) == []
    await assert_serves_its_files(api, token, detail)


async def test_reprocess_that_completes_removes_the_previous_jobs_files(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()
    await drain_queue(api)
    first_files = job_files(api, uploaded["job_id"])

    reprocessed = await api.client.post(
        f"/api/videos/{uploaded['video_id']}/reprocess", headers=auth(token)
    )
    assert reprocessed.status_code == 201, reprocessed.text
    await drain_queue(api)

    second = await job_state(api, token, reprocessed.json()["job_id"])
    assert second["status"] == "COMPLETED", second["error_message"]
    assert first_files  # the first run did store files, which are now gone
    assert job_files(api, uploaded["job_id"]) == set()
    detail = await video_detail(api, token, uploaded["video_id"])
    assert detail["latest_job"]["id"] == second["id"]
    assert job_files(api, second["id"]) == served_files(detail)
    await assert_serves_its_files(api, token, detail)


async def test_job_that_failed_for_good_leaves_no_scratch_and_its_retry_still_hears_the_audio(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()
    job_url = f"/api/video-processing-jobs/{uploaded['job_id']}"

    await drain_queue(api, job_max_attempts=1, **UNREACHABLE_SPEECH)

    failed = await job_state(api, token, uploaded["job_id"])
    assert failed["status"] == "FAILED"
    assert stage(failed, "extract_audio")["status"] == "COMPLETED"
    assert job_files(api, uploaded["job_id"]) == set()
    assert work_folders(api) == []

    # The retry resumes at transcription: the audio it needs is decoded again.
    retried = await api.client.post(f"{job_url}/retry", headers=auth(token))
    assert retried.status_code == 200, retried.text
    await drain_queue(api)
    done = await job_state(api, token, uploaded["job_id"])
    assert done["status"] == "COMPLETED", done["error_message"]
    assert stage(done, "transcribe")["detail"].startswith("pocketsphinx")


async def test_job_abandoned_on_its_last_attempt_leaves_no_scratch(
    api: Api, sample_mp4: Path, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    job_id = (await api.upload(token, sample_mp4)).json()["job_id"]
    one_attempt = {"ECHO_JOB_LEASE_SECONDS": "2", "ECHO_JOB_MAX_ATTEMPTS": "1"}
    # Paused after each stage, so it can be killed with the audio stored.
    pausing = {"ECHO_TEST_PAUSE_AFTER_STAGE_SECONDS": "30"}
    worker = start_worker_process(api.settings, tmp_path / "worker.log", **one_attempt, **pausing)
    try:
        await wait_for(
            api,
            token,
            job_id,
            lambda state: stage(state, "extract_audio")["status"] == "COMPLETED",
            within_seconds=120,
        )
    finally:
        kill_worker_process(worker, signal.SIGKILL)
    assert "audio.wav" in job_files(api, job_id)

    async with asyncio.timeout(60):
        # Another worker finds the lease lapsed on the job's last attempt and fails it.
        while (await job_state(api, token, job_id))["status"] != "FAILED":
            await drain_queue(api, job_max_attempts=1)
            await asyncio.sleep(0.2)

    failed = await job_state(api, token, job_id)
    assert "stopped responding" in failed["error_message"]
    assert job_files(api, job_id) == set()
    assert work_folders(api) == []
