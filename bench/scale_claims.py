"""Job claiming on PostgreSQL: 1, 2 and 4 claimers emptying the same queue at once.

Each claimer has its own engine (its own connections, as a separate worker process has)
and calls JobStore.claim, the worker's own transaction, until the queue is empty. All
claimers run on this process's event loop, so the report shows how busy this process
was: near one full core means the claimers, not the database, set the pace.
"""

import asyncio
import time
from dataclasses import dataclass

import asyncpg
from cpu_time import cpu_seconds

from echo_core.db import create_engine, create_session_factory
from echo_core.events.postgres_bus import asyncpg_dsn
from echo_core.worker.job_store import JobStore

LEASE_SECONDS = 600
MAX_ATTEMPTS = 3
# Back to the freshly seeded queue: every job PENDING and never tried.
RESET = """
    UPDATE video_jobs SET status = 'PENDING', attempts = 0, lease_owner = NULL,
        lease_expires_at = NULL, started_at = NULL, finished_at = NULL, updated_at = created_at
"""
CLAIMED_TWICE = "SELECT count(*) FROM video_jobs WHERE attempts > 1"


CLAIMERS = (1, 2, 4)


@dataclass(frozen=True)
class ClaimRun:
    repeat: int
    claimers: int
    claims: int
    seconds: float
    cpu_seconds: float
    """This process's CPU time during the run (the claimers; not the database server)."""
    problems: list[str]
    """Jobs claimed twice or never: empty when the queue did its job."""

    @property
    def per_second(self) -> float:
        return self.claims / self.seconds


async def reset_queue(url: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(RESET)
        # The reset leaves a dead row version per job; every run starts without them.
        await connection.execute("VACUUM ANALYZE video_jobs")
    finally:
        await connection.close()


async def _claim_all(store: JobStore, worker_id: str) -> list[str]:
    claimed = []
    while job := await store.claim(worker_id, LEASE_SECONDS, MAX_ATTEMPTS):
        claimed.append(job.id)
    return claimed


async def _claimed_twice(url: str) -> int:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return int(await connection.fetchval(CLAIMED_TWICE))
    finally:
        await connection.close()


async def claim_run(url: str, repeat: int, claimers: int, jobs: int) -> ClaimRun:
    """Empty a queue of `jobs` PENDING jobs with `claimers` concurrent claimers."""
    await reset_queue(url)
    engines = [create_engine(url) for _ in range(claimers)]
    try:
        for engine in engines:
            # Connected before the clock starts: connecting is not claiming.
            async with engine.connect():
                pass
        stores = [JobStore(create_session_factory(engine)) for engine in engines]
        started, started_cpu = time.perf_counter(), cpu_seconds()
        claimed = await asyncio.gather(
            *(_claim_all(store, f"bench-claimer-{n}") for n, store in enumerate(stores))
        )
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - started_cpu
    finally:
        for engine in engines:
            await engine.dispose()
    ids = [job_id for batch in claimed for job_id in batch]
    problems = []
    if len(ids) != len(set(ids)):
        problems.append(f"{len(ids) - len(set(ids))} claims returned a job already claimed")
    if twice := await _claimed_twice(url):
        problems.append(f"{twice} jobs have attempts > 1")
    if len(set(ids)) != jobs:
        problems.append(f"{jobs - len(set(ids))} of {jobs} jobs were never claimed")
    return ClaimRun(repeat, claimers, len(ids), seconds, cpu, problems)


async def claim_runs(url: str, jobs: int, repeats: int) -> list[ClaimRun]:
    runs = []
    for repeat in range(repeats):
        print(f"claims: repeat {repeat + 1}/{repeats} ...", flush=True)
        # Each repeat starts one case later, so load from other users that builds up or
        # fades during a repeat favours no claimer count.
        first = repeat % len(CLAIMERS)
        for claimers in CLAIMERS[first:] + CLAIMERS[:first]:
            runs.append(await claim_run(url, repeat, claimers, jobs))
    return runs
