"""A job's log lines name the job and its video, whatever ends it: here, a lost lease."""

from pathlib import Path

from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker
from tests.conftest import Api, auth
from tests.observability.log_capture import json_lines
from tests.observability.scraping import value
from tests.workers import TEST_ENGINES


async def test_a_job_canceled_mid_run_logs_its_lost_lease_with_its_ids(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()
    job_id, video_id = uploaded["job_id"], uploaded["video_id"]

    async def cancel_after_probe(stage: str) -> None:
        if stage == "probe":
            canceled = await api.client.post(
                f"/api/video-processing-jobs/{job_id}/cancel", headers=auth(token)
            )
            assert canceled.status_code == 200, canceled.text

    runtime = api.runtime
    settings = api.settings.model_copy(update=TEST_ENGINES)
    worker = Worker(
        settings,
        JobStore(runtime.session_factory),
        runtime.storage,
        runtime.events,
        after_stage=cancel_after_probe,
    )
    before = (await api.client.get("/metrics")).text
    with json_lines() as lines:
        assert await worker.run_one()
    after = (await api.client.get("/metrics")).text

    job_lines = [line for line in lines if line.get("job_id") == job_id]
    assert [line["message"] for line in job_lines][:3] == [
        "job claimed", "stage started", "stage finished",
    ]  # fmt: skip
    lost = [line for line in job_lines if line["message"].startswith("lease lost")]
    assert len(lost) == 1 and lost[0]["level"] == "warning"
    assert all(line["video_id"] == video_id for line in job_lines)
    assert not [line for line in job_lines if line["message"] in ("job completed", "job failed")]
    lost_count = "echo_job_outcomes_total"
    assert (
        value(after, lost_count, outcome="lease_lost")
        - value(before, lost_count, outcome="lease_lost")
        == 1
    )
