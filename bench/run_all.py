"""Every benchmark, one after another, gathered into docs/benchmarks.md (`make bench`).

Run from the repository root:

    apps/core/.venv/bin/python bench/run_all.py [--quick | --fewer-repeats]

The machine is described once, when the run starts, and every benchmark is given that
line (`--machine`), so every section of the page shows the same one. Each benchmark runs
in its own process with its default options and writes bench/results/<name>.md; the
report an earlier run left there is deleted first, so the page is made of this run's
reports only. It stops at the first benchmark that fails, leaving the page as it was.

`--quick` runs every benchmark small, in a few minutes, and writes the page to
bench/results/benchmarks-quick.md, never to docs/: it checks that the page comes
together; its figures mean little.

`--fewer-repeats` shortens the slowest cases (the pipeline: a 2-minute video, 2 repeats;
the claim runs: 2 repeats) and keeps everything else, for a machine so loaded that a whole
run would take the best part of an hour; it writes docs/benchmarks.md and says so at the
top of the page.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from machine import describe

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PAGE = BENCH.parent / "docs" / "benchmarks.md"
QUICK_PAGE = RESULTS / "benchmarks-quick.md"
# Name: bench/<name>.py writes bench/results/<name>.md. Options: the small run of --quick.
BENCHMARKS = {
    "upload_memory": ["--size-mib", "8", "--runs", "1"],
    "pipeline": ["--repeat", "1", "--minutes", "0.5"],
    "scale": [
        *("--videos", "500", "--requests", "10", "--events", "20"),
        *("--claim-jobs", "100", "--repeat", "1"),
    ],
    "load": ["--users", "2", "--seconds", "5", "--uploads-per-user", "1"],
}
# Options of --fewer-repeats: the same sizes, fewer repeats; told on the page.
FEWER_REPEATS = {"pipeline": ["--repeat", "2", "--minutes", "2"], "scale": ["--repeat", "2"]}
FEWER_REPEATS_NOTE = (
    "**Fewer repeats (`--fewer-repeats`), for a loaded machine: the pipeline on a 2-minute "
    "video (not 4) repeated 2 times (not 5), the job claims repeated 2 times (not 3); every "
    "other size and count as in a full run.**"
)


def demoted(report: str) -> str:
    """One heading level down, so each report is a section of the page."""
    return "\n".join(f"#{line}" if line.startswith("#") else line for line in report.splitlines())


def run_benchmark(name: str, machine: str, options: list[str]) -> str:
    """Run bench/<name>.py and return the report it wrote; exit if it fails."""
    report = RESULTS / f"{name}.md"
    report.unlink(missing_ok=True)
    command = [sys.executable, str(BENCH / f"{name}.py"), "--machine", machine, *options]
    print(f"== {name}", flush=True)
    done = subprocess.run(command, cwd=BENCH.parent)
    if done.returncode or not report.exists():
        sys.exit(f"bench/{name}.py failed (exit {done.returncode}); the page was not written")
    return report.read_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="small runs; page not in docs/")
    sizes.add_argument("--fewer-repeats", action="store_true", help="full sizes, fewer repeats")
    parser.add_argument("--note", help="a sentence for the top of the page (what else ran)")
    args = parser.parse_args()
    machine = describe()
    chosen = BENCHMARKS if args.quick else FEWER_REPEATS if args.fewer_repeats else {}
    sections = [demoted(run_benchmark(name, machine, chosen.get(name, []))) for name in BENCHMARKS]
    intro = [
        "# Benchmarks",
        "Written by `make bench` (`bench/run_all.py`) from one run, the benchmarks one after "
        "another on the machine below; what each one measures and how: `bench/README.md`. "
        "The machine is shared and busy, so compare the ratios, which set each case against "
        "a baseline measured in the same run, not the seconds.",
        f"Machine: {machine}",
    ]
    if args.quick:
        intro.append("**A quick run (`--quick`): small sizes, not a measurement.**")
    if args.fewer_repeats:
        intro.append(FEWER_REPEATS_NOTE)
    if args.note:
        intro.append(args.note)
    page = QUICK_PAGE if args.quick else PAGE
    page.write_text("\n\n".join(intro + sections) + "\n")
    print(f"written to {page.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
