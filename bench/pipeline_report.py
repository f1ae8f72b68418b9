"""The pipeline benchmark's Markdown report."""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app is slow to import, and only its result type is needed here
    from app_pipeline import PipelineRun
    from recognition import Recognition


def _ratio_row(name: str, values: list[float]) -> str:
    low, middle, high = min(values), statistics.median(values), max(values)
    return f"| {name} | {middle:.2f}x | {low:.2f}x | {high:.2f}x |"


def _each(values: Iterable[float]) -> str:
    return ", ".join(f"{value:.1f}" for value in values)


def report(
    machine: str,
    audio_seconds: float,
    extract_seconds: float,
    one: list[Recognition],
    two: list[Recognition],
    pipelines: list[PipelineRun],
) -> str:
    rows = [
        ("recognition alone, 1 process", one, str(one[0].words)),
        ("recognition alone, 2 processes", two, str(two[0].words)),
        (f"whole pipeline (asr_threads=0: {os.cpu_count()} processes)", pipelines, "—"),
    ]
    # Ratios are taken within each repeat, whose cases ran a minute or so apart, so a burst
    # of load from other users spoils one repeat's ratio instead of one side of every ratio.
    ratios = [
        (
            "speed-up: recognition 1 process / 2 processes (seconds)",
            [a.seconds / b.seconds for a, b in zip(one, two, strict=True)],
        ),
        (
            "parallel cost: recognition 2 processes / 1 process (CPU seconds)",
            [b.cpu_seconds / a.cpu_seconds for a, b in zip(one, two, strict=True)],
        ),
        (
            "overhead: pipeline / recognition alone, 2 processes (seconds)",
            [p.seconds / b.seconds for p, b in zip(pipelines, two, strict=True)],
        ),
        (
            "overhead: pipeline / recognition alone, 2 processes (CPU seconds)",
            [p.cpu_seconds / b.cpu_seconds for p, b in zip(pipelines, two, strict=True)],
        ),
    ]
    # The median run's own stages (the faster middle one for an even count), so the stage
    # table adds up to a real run.
    typical = sorted(pipelines, key=lambda run: run.seconds)[(len(pipelines) - 1) // 2]
    between = typical.seconds - sum(typical.stage_seconds.values())
    lines = [
        f"# Pipeline: {audio_seconds / 60:.1f} min spoken video, pocketsphinx, "
        f"repeats: {len(pipelines)}",
        "",
        f"{machine} At the end, load average (1 min) {os.getloadavg()[0]:.1f}.",
        "Seconds (wall clock) and CPU seconds (this process and its recognizer processes): "
        "median of the repeats. Real-time factor: seconds / audio seconds.",
        "",
        "| case | seconds | real-time factor | CPU seconds | words |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {name} | {statistics.median(r.seconds for r in runs):.1f} | "
            f"{statistics.median(r.seconds for r in runs) / audio_seconds:.3f} | "
            f"{statistics.median(r.cpu_seconds for r in runs):.1f} | {words} |"
            for name, runs, words in rows
        ),
        "",
        "| ratio, per repeat | median | lowest | highest |",
        "|---|---:|---:|---:|",
        *(_ratio_row(name, values) for name, values in ratios),
        "",
        f"Stages of the median pipeline run ({typical.seconds:.1f} s):",
        "",
        "| stage | seconds | share of the run |",
        "|---|---:|---:|",
        *(
            f"| {name} | {s:.2f} | {s / typical.seconds:.1%} |"
            for name, s in typical.stage_seconds.items()
        ),
        f"| between stages (claim, saves, events) | {between:.2f} | "
        f"{between / typical.seconds:.1%} |",
        "",
        f"Per repeat, seconds: 1 process {_each(r.seconds for r in one)}; "
        f"2 processes {_each(r.seconds for r in two)}; "
        f"pipeline {_each(r.seconds for r in pipelines)}.",
        f"extract_audio alone, once: {extract_seconds:.2f} s.",
    ]
    return "\n".join(lines) + "\n"
