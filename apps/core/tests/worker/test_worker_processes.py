"""Workers as separate processes: a killed worker's job is finished by another, once."""

import signal
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import Api, auth
from tests.job_polling import claims_in, metadata_rows, stage, wait_for
from tests.media import make_video
from tests.speech_media import SpeechVideo, speech_video
from tests.workers import kill_worker_process, start_worker_process

LEASE_SECONDS = "3"


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


async def test_worker_killed_mid_transcription_is_replaced_and_job_completes_once(
    api: Api, spoken_mp4: SpeechVideo, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    job_id = (await api.upload(token, spoken_mp4.path)).json()["job_id"]
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"

    first = start_worker_process(api.settings, first_log, ECHO_JOB_LEASE_SECONDS=LEASE_SECONDS)
    try:
        transcribing = await wait_for(
            api, token, job_id, lambda s: stage(s, "transcribe")["status"] == "RUNNING", 180
        )
    finally:
        kill_worker_process(first, signal.SIGKILL)
    second = start_worker_process(api.settings, second_log, ECHO_JOB_LEASE_SECONDS=LEASE_SECONDS)
    try:
        finished = await wait_for(
            api, token, job_id, lambda s: s["status"] in ("COMPLETED", "FAILED"), 420
        )
    finally:
        kill_worker_process(second, signal.SIGTERM)

    assert finished["status"] == "COMPLETED", finished["error_message"]
    assert finished["attempts"] == 2
    # The stages done before the crash were kept, not redone.
    for name in ("probe", "extract_audio"):
        assert stage(finished, name)["finished_at"] == stage(transcribing, name)["finished_at"]
    assert claims_in([first_log]) == Counter({job_id: 1})
    assert claims_in([second_log]) == Counter({job_id: 1})
    assert await metadata_rows(api, [job_id]) == Counter({job_id: 1})
    detail = (
        await api.client.get(f"/api/videos/{finished['video_id']}", headers=auth(token))
    ).json()
    assert detail["metadata"]["transcript_text"]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_several_workers_drain_the_queue_each_job_exactly_once(
    api: Api, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    clip = make_video(tmp_path / "clip.mp4", seconds=3, width=160, height=120, with_audio=False)
    job_ids = [(await api.upload(token, clip)).json()["job_id"] for _ in range(9)]
    logs = [tmp_path / f"worker-{n}.log" for n in range(3)]

    workers = [start_worker_process(api.settings, log) for log in logs]
    try:
        states = [
            await wait_for(api, token, job_id, lambda s: s["status"] == "COMPLETED", 300)
            for job_id in job_ids
        ]
    finally:
        for worker in workers:
            kill_worker_process(worker, signal.SIGTERM)

    assert [state["attempts"] for state in states] == [1] * len(job_ids)
    assert claims_in(logs) == Counter(dict.fromkeys(job_ids, 1))
