"""The watch on a running item's lease: work that finishes (and so lets its lease go) while
the watch is asking about it is not reported as taken by someone else."""

import asyncio
import logging

import pytest

from echo_core.pipeline.stop_signal import StopSignal
from tests.conftest import Api
from tests.workers import in_process_worker


class LeaseLetGoMeanwhile:
    """A lease store whose check answers only after the work has ended, as when the work's
    last write (which releases the lease) lands while the check is on its way."""

    def __init__(self, finished: asyncio.Event) -> None:
        self.finished = finished
        self.checks = 0

    async def renew(self, _item_id: str, _worker_id: str, _lease_seconds: float) -> bool:
        return await self.holds(_item_id, _worker_id)

    async def holds(self, _item_id: str, _worker_id: str) -> bool:
        self.checks += 1
        self.finished.set()
        await asyncio.sleep(0)  # the work ends here, before the answer comes back
        return False


async def test_work_that_ends_during_a_check_is_not_reported_lost(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    worker = in_process_worker(api, job_check_seconds=0.01)
    finished = asyncio.Event()
    leases = LeaseLetGoMeanwhile(finished)
    stop = StopSignal()

    async def work() -> None:
        await finished.wait()

    with caplog.at_level(logging.INFO, logger="echo_core.worker"):
        await worker._run_watched(work(), leases, "item-1", stop)

    assert leases.checks >= 1
    assert not stop.stopped
    assert not [record for record in caplog.records if "no longer ours" in record.getMessage()]
