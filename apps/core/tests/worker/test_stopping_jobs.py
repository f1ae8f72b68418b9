"""Cancel, delete and a lost lease stop the speech recognizer within 2 s, in a real worker
process decoding real speech; a deleted video leaves no copy behind."""

import asyncio
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import update

from echo_core.db import create_engine
from echo_core.models import VideoJob
from tests.conftest import Api, auth
from tests.job_polling import job_state
from tests.process_tree import recognizers
from tests.speech_media import SpeechVideo, speech_video
from tests.transcribing import transcribing, until
from tests.workers import kill_worker_process, start_worker_process

# Two recognizer processes: a second set running beside the first would show as four.
RECOGNIZERS = 2
STOP_BOUND_SECONDS = 2.0
WORKER_SETTINGS = {"ECHO_ASR_THREADS": str(RECOGNIZERS)}


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


@pytest.fixture
async def worker(api: Api, tmp_path: Path) -> AsyncIterator[subprocess.Popen[bytes]]:
    process = start_worker_process(api.settings, tmp_path / "worker.log", **WORKER_SETTINGS)
    yield process
    kill_worker_process(process, signal.SIGKILL)


async def test_cancel_during_transcription_stops_the_recognizers_and_a_retry_runs_one_set(
    api: Api, spoken_mp4: SpeechVideo, worker: subprocess.Popen[bytes]
) -> None:
    token = await api.register("creator@example.com")
    _video_id, job_id = await transcribing(api, token, spoken_mp4, worker)

    canceled = await api.client.post(
        f"/api/video-processing-jobs/{job_id}/cancel", headers=auth(token)
    )
    assert canceled.status_code == 200
    stopped_after = await until(lambda: not recognizers(worker.pid), 60)
    assert stopped_after <= STOP_BOUND_SECONDS

    retried = await api.client.post(
        f"/api/video-processing-jobs/{job_id}/retry", headers=auth(token)
    )
    assert retried.status_code == 200
    most_at_once = 0
    async with asyncio.timeout(300):
        while (await job_state(api, token, job_id))["status"] in ("PENDING", "PROCESSING"):
            most_at_once = max(most_at_once, len(recognizers(worker.pid)))
            await asyncio.sleep(0.05)
    finished = await job_state(api, token, job_id)
    assert finished["status"] == "COMPLETED", finished["error_message"]
    assert 0 < most_at_once <= RECOGNIZERS


async def test_delete_during_transcription_stops_the_recognizers_and_leaves_no_copy(
    api: Api, spoken_mp4: SpeechVideo, worker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    video_id, job_id = await transcribing(api, token, spoken_mp4, worker)
    work_dir = api.settings.work_dir / job_id
    assert work_dir.exists()

    deleted = await api.client.delete(f"/api/videos/{video_id}", headers=auth(token))
    assert deleted.status_code == 204
    stopped_after = await until(lambda: not recognizers(worker.pid), 60)
    assert stopped_after <= STOP_BOUND_SECONDS

    log = tmp_path / "worker.log"
    await until(lambda: f"job {job_id} was deleted" in log.read_text(), 30)
    assert not work_dir.exists()
    assert api.stored_files() == []


async def test_a_lost_lease_stops_the_recognizers(
    api: Api, spoken_mp4: SpeechVideo, worker: subprocess.Popen[bytes]
) -> None:
    token = await api.register("creator@example.com")
    _video_id, job_id = await transcribing(api, token, spoken_mp4, worker)

    # What the worker sees when its lease lapsed and another worker claimed the job.
    engine = create_engine(api.settings.resolved_database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                update(VideoJob).where(VideoJob.id == job_id).values(lease_owner="other-worker")
            )
    finally:
        await engine.dispose()
    stopped_after = await until(lambda: not recognizers(worker.pid), 60)

    assert stopped_after <= STOP_BOUND_SECONDS
