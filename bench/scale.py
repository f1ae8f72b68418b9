"""Scale benchmark: listings over 10,000 videos, job claiming, and live event latency.

Run from the repository root (Linux; needs `cd apps/core && uv sync` once, and a
PostgreSQL server as the tests use it: 127.0.0.1:5432, user postgres, trust auth):

    apps/core/.venv/bin/python bench/scale.py [--videos 10000] [--requests 100]

On a migrated SQLite file (in bench/.cache/) and throwaway bench_* databases on
PostgreSQL (dropped at the end, whatever happens), it measures:
  1. listings: GET /api/videos and GET /api/video-processing-jobs through the ASGI app,
     with one creator's 10,000 videos (plus other creators' rows) in the database, against
     the bare SELECTs that return the same page, on both databases (p50/p95, ratio);
  2. job claims on PostgreSQL: 1, 2 and 4 concurrent claimers emptying a queue of 2,000
     pending jobs with JobStore.claim (claims/s, ratio to one claimer), checking that no
     job was claimed twice;
  3. live events: a JobEvent from publishing to a signed-in WebSocket client of the real
     app on loopback, against an asyncio.Queue hop (p50/p95, ratio).
The Markdown tables are printed and written to bench/results/scale.md. A job claimed
twice or never prints a FAILURE line and makes the exit status 1.
"""

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from machine import add_machine_option, machine_line
from scale_claims import claim_runs
from scale_events import measure_events
from scale_listing import measure_listings
from scale_report import ScaleResults, report
from scale_seed import seed
from throwaway_databases import LOCAL_POSTGRES, throwaway_database

from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results" / "scale.md"
# Other creators' rows, so every query has to pick one owner's rows out of a shared table.
OTHER_OWNERS = 4
OTHER_VIDEOS = 250


async def run(args: argparse.Namespace) -> ScaleResults:
    owner_id = str(uuid.uuid4())
    owners = {owner_id: args.videos} | {
        str(uuid.uuid4()): OTHER_VIDEOS for _ in range(OTHER_OWNERS)
    }
    first_created = utcnow() - timedelta(days=30)
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="scale-") as tmp:
        work = Path(tmp)
        async with (
            throwaway_database("sqlite", work, args.postgres_url, migrated=True) as sqlite_url,
            throwaway_database("postgresql", work, args.postgres_url, migrated=True) as library_url,
            throwaway_database("postgresql", work, args.postgres_url, migrated=True) as queue_url,
        ):
            listings, events = [], []
            for database, url in (("SQLite", sqlite_url), ("PostgreSQL", library_url)):
                print(f"{database}: seeding, then listings and events ...", flush=True)
                await seed(url, owners, first_created)
                listings += await measure_listings(database, url, work, owner_id, args.requests)
                events.append(await measure_events(database, url, work, owner_id, args.events))
            await seed(
                queue_url,
                {owner_id: args.claim_jobs},
                first_created,
                lambda _index: ProcessingStatus.PENDING,
            )
            claims = await claim_runs(queue_url, args.claim_jobs, args.repeat)
    return ScaleResults(
        videos=args.videos,
        other_videos=OTHER_VIDEOS,
        other_owners=OTHER_OWNERS,
        requests=args.requests,
        listings=listings,
        claim_jobs=args.claim_jobs,
        claims=claims,
        events=events,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=10_000, help="the creator's videos")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per case")
    parser.add_argument("--claim-jobs", type=int, default=2000, help="pending jobs to claim")
    parser.add_argument("--repeat", type=int, default=3, help="runs of every claimer count")
    parser.add_argument("--events", type=int, default=300, help="timed events per database")
    parser.add_argument("--postgres-url", default=LOCAL_POSTGRES, help="server to use")
    add_machine_option(parser)
    args = parser.parse_args()
    # On SIGTERM, unwind normally so the databases are dropped and temp dirs removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Only the settings this benchmark chooses: an ECHO_* variable from the shell must not
    # send the app to another database.
    for key in [key for key in os.environ if key.startswith("ECHO_")]:
        del os.environ[key]

    machine = machine_line(args)
    results = asyncio.run(run(args))
    table = report(machine, results)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)
    print(f"written to {RESULTS.relative_to(BENCH.parent)}")
    for problem in results.problems:
        print(problem, file=sys.stderr)
    if results.problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
