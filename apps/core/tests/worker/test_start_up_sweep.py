"""`serve` and `worker` start by removing what processes killed earlier left on disk: a
partial upload older than the longest upload allowed, and the work folders of jobs that no
live worker holds. What may still be in use, by another process sharing the data
directory, is kept."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import Api, auth
from tests.job_polling import stage, wait_for
from tests.transcribing import until
from tests.workers import kill_worker_process, start_worker_process, worker_environment

UPLOAD_TIMEOUT_SECONDS = 600
COMMANDS = {"worker": ["worker"], "serve": ["serve", "--host", "127.0.0.1", "--port", "0"]}


def start_command(api: Api, command: str, log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "echo_core.cli", *COMMANDS[command]],
            env=worker_environment(
                api.settings, ECHO_UPLOAD_TIMEOUT_SECONDS=str(UPLOAD_TIMEOUT_SECONDS)
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def leftover(path: Path, age_seconds: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * 1024)
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_start_up_removes_what_dead_processes_left_and_keeps_what_is_in_use(
    api: Api, sample_mp4: Path, tmp_path: Path, command: str
) -> None:
    token = await api.register("creator@example.com")
    settings = api.settings
    held_job = (await api.upload(token, sample_mp4)).json()["job_id"]
    # A live worker sharing the data directory holds this job, paused after its first stage.
    holder = start_worker_process(settings, tmp_path / "holder.log", pause_after_stage_seconds=300)
    try:
        await wait_for(
            api, token, held_job, lambda s: stage(s, "probe")["status"] == "COMPLETED", 120
        )
        held_folder = settings.work_dir / held_job
        assert (held_folder / "source").exists()
        canceled_job = (await api.upload(token, sample_mp4)).json()["job_id"]
        canceled = await api.client.post(
            f"/api/video-processing-jobs/{canceled_job}/cancel", headers=auth(token)
        )
        assert canceled.status_code == 200
        canceled_folder = leftover(settings.work_dir / canceled_job / "source").parent
        gone_folder = leftover(settings.work_dir / str(uuid.uuid4()) / "audio.wav").parent
        old_upload = leftover(
            settings.uploads_tmp_dir / "upload-old", age_seconds=UPLOAD_TIMEOUT_SECONDS + 60
        )
        fresh_upload = leftover(
            settings.uploads_tmp_dir / "upload-fresh", age_seconds=UPLOAD_TIMEOUT_SECONDS - 60
        )

        log = tmp_path / f"{command}.log"
        started = start_command(api, command, log)
        try:
            await until(lambda: "leftovers" in log.read_text(), 60)
        finally:
            kill_worker_process(started, signal.SIGTERM)

        assert not old_upload.exists()
        assert fresh_upload.exists()
        assert not canceled_folder.exists()
        assert not gone_folder.exists()
        assert (held_folder / "source").exists()
    finally:
        kill_worker_process(holder, signal.SIGKILL)
