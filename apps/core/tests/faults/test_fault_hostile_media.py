"""Hostile uploads through the real pipeline: files that claim far more than they hold must
not make a worker use more memory or disk than their real size and length allow."""

import signal
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from echo_core.config import Settings
from tests.conftest import Api, AppFactory, auth
from tests.hostile_media import (
    claim_duration,
    make_video_that_grows,
    make_video_with_audio_spans,
)
from tests.job_polling import is_final, stage, wait_for
from tests.media import make_video
from tests.peak_memory import peak_growth_kib, start_peak_window
from tests.workers import drain_queue, kill_worker_process, start_worker_process

# A 1080p frame is 6 MB as RGB; the decoder keeps a few. Scaling to the claimed display
# size first (1920 x 300 wide) took 2.4 GB.
MAX_WORKER_GROWTH_KIB = 300 * 1024


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_huge_sample_aspect_ratio_keeps_the_workers_memory_flat(
    api: Api, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    # Loads every stage's code into the worker, so what it grows by later is the video's.
    warm_up = make_video(tmp_path / "warm-up.mp4", seconds=2, width=320, height=180)
    # Stored 1920x1080, each pixel claimed 300 times as wide as it is tall.
    anamorphic = make_video(
        tmp_path / "anamorphic.mp4",
        seconds=3,
        width=1920,
        height=1080,
        fps=10,
        sample_aspect=Fraction(300),
    )
    worker = start_worker_process(api.settings, tmp_path / "worker.log")
    try:
        warm_up_job = (await api.upload(token, warm_up)).json()["job_id"]
        warmed = await wait_for(api, token, warm_up_job, is_final, within_seconds=300)
        assert warmed["status"] == "COMPLETED", warmed["error_message"]

        baseline_kib = start_peak_window(worker.pid)
        uploaded = await api.upload(token, anamorphic)
        assert uploaded.status_code == 201, uploaded.text
        finished = await wait_for(
            api, token, uploaded.json()["job_id"], is_final, within_seconds=600
        )
        growth_kib = peak_growth_kib(baseline_kib, worker.pid)
    finally:
        kill_worker_process(worker, signal.SIGTERM)

    assert finished["status"] == "COMPLETED", finished["error_message"]
    assert growth_kib < MAX_WORKER_GROWTH_KIB, f"the worker grew by {growth_kib // 1024} MB"
    detail = (
        await api.client.get(f"/api/videos/{finished['video_id']}", headers=auth(token))
    ).json()
    for candidate in detail["metadata"]["thumbnail_candidates"]:
        picture = await api.client.get(candidate["url"], headers=auth(token))
        with Image.open(BytesIO(picture.content)) as image:
            # YouTube's width, and no taller than a 4:1 picture would be.
            assert image.size == (1280, 320)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_audio_timestamps_that_jump_cannot_fill_the_disk(api: Api, tmp_path: Path) -> None:
    token = await api.register("creator@example.com")
    # Says it lasts 2 s, so the upload is taken; its audio then jumps to 10 hours.
    jumping = claim_duration(
        make_video_with_audio_spans(tmp_path / "jumping.mkv", [(0.0, 1.0), (36_000.0, 36_000.2)]),
        seconds=2.0,
    )
    uploaded = await api.upload(token, jumping)
    assert uploaded.status_code == 201, uploaded.text

    await drain_queue(api)

    job_id = uploaded.json()["job_id"]
    response = await api.client.get(f"/api/video-processing-jobs/{job_id}", headers=auth(token))
    job = response.json()
    assert job["status"] == "COMPLETED", job["error_message"]
    # The detail gives the length of the audio written; the finished job keeps none of it.
    assert stage(job, "extract_audio")["detail"] == "16 kHz mono, 0:02"
    assert not [path for path in api.stored_files() if path.name == "audio.wav"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_video_that_grows_past_the_pixel_limit_fails_at_once_with_a_reason(
    make_api: AppFactory, settings: Settings, tmp_path: Path
) -> None:
    api = await make_api(settings.model_copy(update={"max_video_pixels": 320 * 240}))
    token = await api.register("creator@example.com")
    # 320x240 at first, so the upload is taken; its later frames are 1080p.
    grows = make_video_that_grows(tmp_path / "grows.mkv", small=(320, 240), large=(1920, 1080))
    uploaded = await api.upload(token, grows)
    assert uploaded.status_code == 201, uploaded.text

    await drain_queue(api)

    job_id = uploaded.json()["job_id"]
    response = await api.client.get(f"/api/video-processing-jobs/{job_id}", headers=auth(token))
    job = response.json()
    assert job["status"] == "FAILED"
    assert job["attempts"] == 1  # the same frames would fail again: no pointless retries
    assert stage(job, "thumbnails")["status"] == "FAILED"
    assert "past the 76,800 pixels this server takes" in job["error_message"]
