"""The scale benchmark's Markdown report."""

import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scale_bare import PAGE_SIZE
from scale_claims import CLAIMERS, ClaimRun
from scale_events import EventLatencies
from scale_listing import ListingLatencies
from scale_seed import TRANSCRIPT_WORDS


@dataclass(frozen=True)
class ScaleResults:
    videos: int
    other_videos: int
    other_owners: int
    requests: int
    listings: list[ListingLatencies]
    claim_jobs: int
    claims: list[ClaimRun]
    events: list[EventLatencies]

    @property
    def problems(self) -> list[str]:
        return [
            f"FAILURE: {run.claimers} claimer(s), repeat {run.repeat + 1}: {problem}"
            for run in self.claims
            for problem in run.problems
        ]


def _p50(values: Sequence[float]) -> float:
    return statistics.median(values)


def _p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _listing_rows(listings: list[ListingLatencies]) -> list[str]:
    return [
        f"| {run.database} | `{run.listing}` | {run.total:,} | "
        f"{_p50(run.api) * 1e3:.1f} | {_p95(run.api) * 1e3:.1f} | "
        f"{_p50(run.bare) * 1e3:.2f} | {_p95(run.bare) * 1e3:.2f} | "
        f"{_p50(run.api) / _p50(run.bare):.1f}x | {_p95(run.api) / _p95(run.bare):.1f}x |"
        for run in listings
    ]


def _claim_rows(claims: list[ClaimRun]) -> list[str]:
    single = {run.repeat: run.per_second for run in claims if run.claimers == 1}
    rows = []
    for claimers in CLAIMERS:
        runs = [run for run in claims if run.claimers == claimers]
        # Against the single claimer of the same repeat, run minutes apart at most.
        ratios = [run.per_second / single[run.repeat] for run in runs]
        busy = statistics.median(run.cpu_seconds / run.seconds for run in runs)
        rows.append(
            f"| {claimers} | {_p50([run.per_second for run in runs]):.0f} | "
            f"{_p50(ratios):.2f}x | {min(ratios):.2f}x | {max(ratios):.2f}x | {busy:.0%} |"
        )
    return rows


def _event_rows(events: list[EventLatencies]) -> list[str]:
    return [
        f"| {run.database} | {run.route} | {_p50(run.events) * 1e3:.2f} | "
        f"{_p95(run.events) * 1e3:.2f} | {_p50(run.queue) * 1e6:.1f} | "
        f"{_p95(run.queue) * 1e6:.1f} | {_p50(run.events) / _p50(run.queue):,.0f}x | "
        f"{_p95(run.events) / _p95(run.queue):,.0f}x | {run.lost} |"
        for run in events
    ]


def report(machine: str, results: ScaleResults) -> str:
    repeats = len(results.claims) // len(CLAIMERS)
    per_repeat = "; ".join(
        f"{claimers}: "
        + ", ".join(f"{run.per_second:.0f}" for run in results.claims if run.claimers == claimers)
        for claimers in CLAIMERS
    )
    verdict = results.problems or ["Every job was claimed exactly once in every run."]
    lines = [
        f"# Scale: {results.videos:,} videos, job claims, live events",
        "",
        f"{machine} At the end, load average (1 min) {os.getloadavg()[0]:.1f}.",
        "",
        f"## Listings: one creator with {results.videos:,} videos, "
        f"{results.other_owners} others with {results.other_videos:,} each",
        "",
        "Every video has a job and its metadata; one in ten is queued, one running, one "
        f"failed, the rest finished (with a {TRANSCRIPT_WORDS}-word timed transcript). "
        "API: the request through the app in this process (httpx.ASGITransport, bearer "
        f"token, default page of {PAGE_SIZE}). Bare SQL: the SELECTs for the same page "
        "and its total, on the same driver (bench/scale_bare.py). Milliseconds over "
        f"{results.requests} requests each, the two interleaved.",
        "",
        "| database | request | rows matched | API p50 | API p95 | bare SQL p50 | "
        "bare SQL p95 | API / bare, p50 | API / bare, p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *_listing_rows(results.listings),
        "",
        f"## Job claims on PostgreSQL: {results.claim_jobs:,} pending jobs, {repeats} repeats",
        "",
        "Claimers with their own engines call JobStore.claim until the queue is empty. "
        "Ratios are taken within each repeat. CPU: this process (all the claimers), as a "
        "share of one core; near 100% means the claimers' Python, not the database, set "
        "the pace.",
        "",
        "| claimers | claims/s (median) | vs 1 claimer, median | lowest | highest | CPU |",
        "|---:|---:|---:|---:|---:|---:|",
        *_claim_rows(results.claims),
        "",
        f"Claims/s per repeat, by claimers: {per_repeat}.",
        *verdict,
        "",
        "## Live events: publish to WebSocket client",
        "",
        "The real app on loopback (uvicorn), one signed-in client; each event is published "
        "once the previous one has arrived. Baseline: one asyncio.Queue hop between two "
        f"tasks, in the same event loop, interleaved. {len(results.events[0].queue)} of each.",
        "",
        "| database | route | event p50 (ms) | event p95 (ms) | queue p50 (µs) | "
        "queue p95 (µs) | event / queue, p50 | event / queue, p95 | lost |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *_event_rows(results.events),
    ]
    return "\n".join(lines) + "\n"
