"""A small run of the load benchmark (bench/load.py): a few creators for about ten
seconds against the real server and two worker processes; no request fails, and every
accepted upload's job completes exactly once."""

import json
import subprocess
import sys
from pathlib import Path

from tests.databases import postgres_admin_url

LOAD_SCRIPT = Path(__file__).resolve().parents[4] / "bench" / "load.py"


def test_a_few_users_for_ten_seconds_get_no_errors_and_lose_no_jobs(tmp_path: Path) -> None:
    admin_url = postgres_admin_url()
    database = ["--postgres-admin-url", admin_url] if admin_url else ["--database", "sqlite"]
    summary_path = tmp_path / "summary.json"

    run = subprocess.run(
        [
            sys.executable,
            str(LOAD_SCRIPT),
            *("--users", "3", "--seconds", "10", "--uploads-per-user", "2"),
            *("--drain-seconds", "180", "--report", str(tmp_path / "load.md")),
            *("--summary-json", str(summary_path)),
            *database,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=420,
        check=False,
    )

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    summary = json.loads(summary_path.read_text())
    # 3 users x 2 uploads, and the baseline user's 3.
    jobs = 3 * 2 + 3
    assert summary["errors"] == 0
    assert summary["uploaded"] == summary["completed"] == summary["claims"] == jobs
    assert (summary["lost"], summary["duplicated"], summary["unexpected"]) == (0, 0, 0)
