"""A worker killed with SIGKILL in the middle of transcription takes its recognizer
processes and multiprocessing's resource tracker with it: nothing is left decoding, or
waiting, for a parent that is gone."""

import os
import signal
from pathlib import Path

import pytest

from tests.conftest import Api
from tests.process_tree import ProcessId, is_alive, recognizers, resource_trackers
from tests.speech_media import SpeechVideo, speech_video
from tests.transcribing import transcribing, until
from tests.workers import kill_worker_process, start_worker_process


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


def _worker_children(worker_pid: int) -> list[ProcessId]:
    return recognizers(worker_pid) + resource_trackers(worker_pid)


# Which database the worker uses plays no part in how its processes end.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_worker_killed_mid_transcription_leaves_no_process_behind(
    api: Api, spoken_mp4: SpeechVideo, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    worker = start_worker_process(api.settings, tmp_path / "worker.log", ECHO_ASR_THREADS="2")
    try:
        await transcribing(api, token, spoken_mp4, worker)
        # The pool spawns its recognizers one after the other: the first may decode
        # before the second exists.
        await until(lambda: len(_worker_children(worker.pid)) == 3, 60)
        children = _worker_children(worker.pid)
        assert len(children) == 3, "two recognizers and the resource tracker"

        # Only the worker, as the kernel's out-of-memory killer would; not its group.
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        await until(lambda: not any(is_alive(child) for child in children), 30)
    finally:
        kill_worker_process(worker, signal.SIGKILL)
