"""Every benchmark, one after another, gathered into docs/benchmarks.md (`make bench`).

Run from the repository root:

    apps/core/.venv/bin/python bench/run_all.py

Each benchmark runs in its own process with its default options and writes
bench/results/<name>.md; this page is those reports under one machine description.
It stops at the first benchmark that fails, so the page never mixes old and new results.
"""

import subprocess
import sys
from pathlib import Path

from machine import describe

BENCH = Path(__file__).resolve().parent
PAGE = BENCH.parent / "docs" / "benchmarks.md"
# Name: bench/<name>.py writes bench/results/<name>.md.
BENCHMARKS = ("upload_memory", "pipeline", "scale", "load")


def demoted(report: str) -> str:
    """One heading level down, so each report is a section of the page."""
    return "\n".join(f"#{line}" if line.startswith("#") else line for line in report.splitlines())


def main() -> None:
    machine = describe()
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        done = subprocess.run([sys.executable, str(BENCH / f"{name}.py")], cwd=BENCH.parent)
        if done.returncode:
            sys.exit(f"bench/{name}.py failed (exit {done.returncode}); {PAGE.name} not written")
    sections = [demoted((BENCH / "results" / f"{name}.md").read_text()) for name in BENCHMARKS]
    PAGE.write_text(
        "\n\n".join(
            [
                "# Benchmarks",
                "Written by `make bench` (`bench/run_all.py`); what each one measures and how: "
                "`bench/README.md`. The machine is shared and busy, so compare the ratios, "
                "which set each case against a baseline measured in the same run, not the "
                "seconds.",
                f"Machine: {machine}",
                *sections,
            ]
        )
        + "\n"
    )
    print(f"written to {PAGE.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
