"""Hostile uploads through the real pipeline: files that claim far more than they hold must
not make a worker use more memory or disk than their real size and length allow."""

from pathlib import Path

import pytest

from tests.conftest import Api, auth
from tests.hostile_media import claim_duration, make_video_with_audio_spans
from tests.job_polling import stage
from tests.workers import drain_queue

# 16 kHz mono 16-bit.
AUDIO_BYTES_PER_SECOND = 32_000
WAV_HEADER_BYTES = 44


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
    assert stage(job, "extract_audio")["detail"] == "16 kHz mono, 0:02"
    [audio] = [path for path in api.stored_files() if path.name == "audio.wav"]
    assert audio.stat().st_size <= 2.0 * AUDIO_BYTES_PER_SECOND + WAV_HEADER_BYTES
