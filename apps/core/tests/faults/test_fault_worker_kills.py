"""A worker killed (SIGKILL) at every stage boundary in turn: the job resumes after the
last saved stage each time, never redoes one, and completes exactly once.

One job, one worker after another: each worker resumes the job, finishes exactly one
stage, and is killed in the pause after it (tests/paused_worker.py), which
the test sees by polling the job's stages. The last worker finds every stage done and only
marks the job COMPLETED, so the boundary after the last stage is covered too.
"""

import signal
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from echo_core.pipeline.stages.registry import STAGE_NAMES
from tests.conftest import Api
from tests.job_polling import claims_in, is_final, metadata_rows, stage, wait_for
from tests.media import make_video
from tests.workers import kill_worker_process, start_worker_process

# Every kill costs an attempt: one per stage, and the last worker's.
ATTEMPTS_NEEDED = len(STAGE_NAMES) + 1
WORKER_SETTINGS = {
    "ECHO_JOB_LEASE_SECONDS": "2",
    "ECHO_JOB_MAX_ATTEMPTS": str(ATTEMPTS_NEEDED),
}
# Long enough to see the boundary and kill the worker there, on a busy machine too.
PAUSE_AFTER_STAGE_SECONDS = 10


def finished_stages(state: dict[str, Any]) -> list[str]:
    return [s["name"] for s in state["processing_stages"] if s["status"] == "COMPLETED"]


def times(state: dict[str, Any], name: str) -> tuple[str, str]:
    return stage(state, name)["started_at"], stage(state, name)["finished_at"]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_worker_killed_at_each_stage_boundary_resumes_and_completes_once(
    api: Api, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    clip = make_video(tmp_path / "clip.mp4", seconds=2, width=160, height=120)
    job_id = (await api.upload(token, clip)).json()["job_id"]
    logs: list[Path] = []
    # The stages' times as each boundary was reached: later workers must not change them.
    at_boundary: dict[str, dict[str, Any]] = {}

    for done_so_far, name in enumerate(STAGE_NAMES, start=1):
        logs.append(tmp_path / f"worker-{done_so_far}.log")
        worker = start_worker_process(
            api.settings,
            logs[-1],
            pause_after_stage_seconds=PAUSE_AFTER_STAGE_SECONDS,
            **WORKER_SETTINGS,
        )
        try:
            state = await wait_for(
                api,
                token,
                job_id,
                lambda s, n=name: stage(s, n)["status"] == "COMPLETED" or is_final(s),
                within_seconds=120,
                every_seconds=0.05,
            )
        finally:
            kill_worker_process(worker, signal.SIGKILL)
        assert state["status"] == "PROCESSING", state["error_message"]
        # Exactly one more stage each time: the earlier ones were not run again, and the
        # worker died before starting the next.
        assert finished_stages(state) == list(STAGE_NAMES[:done_so_far]), name
        at_boundary[name] = state

    logs.append(tmp_path / "worker-last.log")
    # It runs no stage, so the real `echo-core worker`, without a pause, finishes the job.
    last = start_worker_process(api.settings, logs[-1], **WORKER_SETTINGS)
    try:
        finished = await wait_for(api, token, job_id, is_final, within_seconds=120)
    finally:
        kill_worker_process(last, signal.SIGTERM)

    assert finished["status"] == "COMPLETED", finished["error_message"]
    assert finished["attempts"] == ATTEMPTS_NEEDED
    for name, state in at_boundary.items():
        assert times(finished, name) == times(state, name), f"{name} was run again"
    # Each worker claimed the job once, and no claim overlapped another.
    assert [claims_in([log]) for log in logs] == [Counter({job_id: 1})] * len(logs)
    assert await metadata_rows(api, [job_id]) == Counter({job_id: 1})
