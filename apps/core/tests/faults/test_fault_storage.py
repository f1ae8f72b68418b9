"""A store that fails to write or read: clear errors, and nothing half-written is kept.

The failures are injected by wrapping the app's store (tests/faulty_storage.py); the API
and the worker both take whatever store the app state holds.
"""

from pathlib import Path

import httpx

from echo_core.pipeline.stages.registry import STAGE_NAMES
from tests.api.test_uploads import assert_nothing_kept
from tests.conftest import Api, auth
from tests.faulty_storage import FaultyStorage
from tests.job_polling import stage
from tests.workers import drain_queue


def assert_storage_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "storage_unavailable"
    assert response.json()["error"]["message"] == "Storage is unavailable; try again."


def break_storage(api: Api, operation: str, key_suffix: str = "") -> FaultyStorage:
    faulty = FaultyStorage(api.runtime.storage, operation, key_suffix)
    api.runtime.storage = faulty
    return faulty


async def test_upload_when_storage_refuses_the_file_is_a_clear_503_and_keeps_nothing(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    faulty = break_storage(api, "put_file")

    response = await api.upload(token, sample_mp4)

    assert faulty.failures == 1
    assert_storage_unavailable(response)
    await assert_nothing_kept(api)


async def test_download_when_storage_cannot_read_is_a_clear_503(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await api.upload(token, sample_mp4)).json()["video_id"]
    faulty = break_storage(api, "read_range")

    whole = await api.client.get(f"/api/videos/{video_id}/original", headers=auth(token))
    part = await api.client.get(
        f"/api/videos/{video_id}/original", headers=auth(token) | {"Range": "bytes=100-"}
    )

    assert faulty.failures == 2
    # Said before the status line is sent, so the client gets an error, not a 200 whose
    # body breaks off.
    assert_storage_unavailable(whole)
    assert_storage_unavailable(part)


async def test_stage_whose_output_cannot_be_stored_fails_the_job_and_leaves_nothing(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()
    # The SRT file is written, then the WebVTT one fails: half of the stage's output.
    faulty = break_storage(api, "put_bytes", key_suffix="subtitles.vtt")

    await drain_queue(api)

    job = (
        await api.client.get(
            f"/api/video-processing-jobs/{uploaded['job_id']}", headers=auth(token)
        )
    ).json()
    max_attempts = api.settings.job_max_attempts
    assert faulty.failures == max_attempts
    assert job["status"] == "FAILED"
    assert job["attempts"] == max_attempts
    assert job["error_message"] == (
        f"Building subtitles failed after {max_attempts} attempts: "
        "The storage could not save or read a file; it may be unreachable."
    )
    done = STAGE_NAMES.index("subtitles")
    assert [stage(job, name)["status"] for name in STAGE_NAMES] == (
        ["COMPLETED"] * done + ["FAILED"] + ["PENDING"] * (len(STAGE_NAMES) - done - 1)
    )
    detail = await api.client.get(f"/api/videos/{uploaded['video_id']}", headers=auth(token))
    assert detail.json()["metadata"]["subtitle_files_urls"] == {}
    # The SRT that was written before the failure went with it, and the failed job's
    # scratch (its audio) with the job; no temporary copies either.
    job_files = sorted(
        path.relative_to(api.settings.media_dir / "jobs" / job["id"]).as_posix()
        for path in api.stored_files()
        if path.is_relative_to(api.settings.media_dir / "jobs")
    )
    assert job_files == []
    assert not [path for path in api.stored_files() if path.name.endswith(".partial")]
    srt = await api.client.get(
        f"/api/videos/{uploaded['video_id']}/subtitles.srt", headers=auth(token)
    )
    assert srt.status_code == 404
