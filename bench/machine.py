"""One line describing the machine and the moment, for the top of every report."""

import argparse
import os
import platform
import time
from pathlib import Path


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return float("nan")


def describe() -> str:
    # The cores this process may run on (what `nproc` prints), not every core in the box.
    cores = len(os.sched_getaffinity(0))
    return (
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}: {cores} cores (nproc), {_cpu_model()}, "
        f"{_memory_gib():.1f} GiB memory, Linux {platform.release()}, "
        f"Python {platform.python_version()}; load average (1 min) {os.getloadavg()[0]:.1f}."
    )


def add_machine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--machine",
        help="the machine line to report instead of describing this moment: bench/run_all.py "
        "gives every benchmark of a run the same one",
    )


def machine_line(args: argparse.Namespace) -> str:
    return args.machine or describe()
