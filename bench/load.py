"""Load benchmark: many creators at once against the real server and worker processes.

Run from the repository root (Linux; needs `cd apps/core && uv sync` once, and for the
default database a PostgreSQL server as the tests use it: 127.0.0.1:5432, user postgres,
trust auth):

    apps/core/.venv/bin/python bench/load.py [--users 20] [--seconds 40] [--database sqlite]

It starts `echo-core serve` (no embedded worker) on a free 127.0.0.1 port and
`--workers` `echo-core worker` processes, all on one throwaway database (bench_<random>
on PostgreSQL, dropped at the end; or SQLite) and one temporary data directory. First one
user alone registers, uploads 3 clips, waits for them, and reads 20 times of each kind:
the baseline. Then `--users` simulated creators, with httpx over loopback, each register
and for `--seconds` upload a 2 s silent clip `--uploads-per-user` times and otherwise list
their videos, list their jobs and read their latest job (at most `--max-requests` in
all). Afterwards it waits for the queue to drain (at most `--drain-seconds`) and checks,
in the database and the workers' logs, that every accepted upload's job is COMPLETED and
was claimed once. It prints requests per second and p50/p95/p99 latency per endpoint
(and p50 against the baseline's), errors, lost and duplicated jobs, writes them to
bench/results/load.md (or `--report`), and exits 1 if any request failed or any job was
lost or duplicated.
"""

import argparse
import asyncio
import json
import signal
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from echo_server import running_server
from echo_workers import running_workers
from load_accounting import JobAccount, account, wait_for_drain
from load_clip import make_clip
from load_report import problems, report
from load_users import Traffic, UserPlan, drive_users, measure_alone
from machine import add_machine_option, machine_line
from throwaway_databases import LOCAL_POSTGRES, throwaway_database

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results" / "load.md"
MAX_UPLOAD_BYTES = 64 * 1024**2
# The baseline user's uploads, and its reads of each kind.
BASELINE_UPLOADS = 3
BASELINE_SAMPLES = 20


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40, help="how long the users work")
    parser.add_argument("--uploads-per-user", type=int, default=2)
    parser.add_argument("--think-ms", type=float, default=100, help="pause after each answer")
    parser.add_argument("--max-requests", type=int, default=20_000, help="stop after this many")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--drain-seconds", type=float, default=300)
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--postgres-admin-url", default=LOCAL_POSTGRES)
    parser.add_argument("--report", type=Path, default=RESULTS)
    parser.add_argument("--summary-json", type=Path, help="also write the counts as JSON here")
    add_machine_option(parser)
    return parser.parse_args()


async def _run(args: argparse.Namespace, plan: UserPlan) -> tuple[Traffic, Traffic, JobAccount]:
    with tempfile.TemporaryDirectory(prefix="echo-load-") as tmp:
        work = Path(tmp)
        clip = make_clip(work / "clip.mp4").read_bytes()
        data_dir = work / "data"
        data_dir.mkdir()
        # Not migrated here: `echo-core serve` migrates the database when it starts.
        async with throwaway_database(
            args.database, work, args.postgres_admin_url, migrated=False
        ) as url:
            shared = {
                "ECHO_DATA_DIR": str(data_dir),
                "ECHO_DATABASE_URL": url,
                # Offline engines: no model download, no network.
                "ECHO_ASR_ENGINE": "pocketsphinx",
                "ECHO_TEXT_ENGINE": "local",
            }
            server_settings = shared | {
                "ECHO_EMBEDDED_WORKER": "false",
                # Every simulated creator registers from loopback, one address: the
                # registration throttle would refuse all but the first ten.
                "ECHO_REGISTER_ATTEMPTS_PER_ADDRESS": str(args.users + 1),
            }
            worker_settings = shared | {"ECHO_WORKER_POLL_SECONDS": "0.2"}
            with (
                running_server(data_dir, MAX_UPLOAD_BYTES, server_settings) as server,
                running_workers(args.workers, data_dir, worker_settings) as worker_logs,
            ):
                print("one user alone (the baseline) ...", flush=True)
                alone = await measure_alone(
                    server.base_url,
                    clip,
                    BASELINE_UPLOADS,
                    BASELINE_SAMPLES,
                    lambda: wait_for_drain(url, args.drain_seconds),
                )
                print(f"{plan.users} users for {plan.seconds:.0f} s ...", flush=True)
                traffic = await drive_users(server.base_url, clip, plan)
                print(f"{traffic.requests} requests; waiting for the queue ...", flush=True)
                drained = await wait_for_drain(url, args.drain_seconds)
                uploaded = alone.uploaded_job_ids + traffic.uploaded_job_ids
                jobs = await account(url, uploaded, worker_logs, drained)
    return alone, traffic, jobs


def main() -> None:
    args = _parse_arguments()
    # On SIGTERM, unwind normally so the processes, database and directory are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    plan = UserPlan(
        users=args.users,
        seconds=args.seconds,
        uploads_per_user=args.uploads_per_user,
        think_seconds=args.think_ms / 1000,
        max_requests=args.max_requests,
    )
    machine = machine_line(args)
    alone, traffic, jobs = asyncio.run(_run(args, plan))
    database = "PostgreSQL (a throwaway database)" if args.database == "postgresql" else "SQLite"
    setup = (
        f"Setup: `echo-core serve` (no embedded worker) and {args.workers} `echo-core worker` "
        f"processes on 127.0.0.1, sharing {database} and one data directory (local storage)."
    )
    text = report(machine, setup, plan, alone, traffic, jobs)
    print(text)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text)
    found = problems([alone, traffic], jobs)
    if args.summary_json:
        summary = {
            "requests": alone.requests + traffic.requests,
            "errors": sum(len(m) for run in (alone, traffic) for m in run.errors.values()),
            **{key: value for key, value in asdict(jobs).items() if not isinstance(value, list)},
            **{key: len(value) for key, value in asdict(jobs).items() if isinstance(value, list)},
        }
        args.summary_json.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"written to {args.report}")
    if found:
        sys.exit("FAILURE: " + "; ".join(found))


if __name__ == "__main__":
    main()
