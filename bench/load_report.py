"""The load benchmark's Markdown: per endpoint throughput and latency, then the jobs."""

import math

from load_accounting import JobAccount
from load_users import Traffic, UserPlan

# At most this many error messages are quoted per endpoint; the counts are all there.
ERROR_SAMPLES = 3


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def _row(name: str, latencies: list[float], errors: int, seconds: float, alone: list[float]) -> str:
    p50, p95, p99 = (percentile(latencies, f) * 1000 for f in (0.5, 0.95, 0.99))
    alone_p50 = percentile(alone, 0.5) * 1000 if alone else math.nan
    return (
        f"| {name} | {len(latencies)} | {len(latencies) / seconds:.1f} "
        f"| {p50:.0f} | {p95:.0f} | {p99:.0f} | {alone_p50:.0f} | {p50 / alone_p50:.1f} "
        f"| {errors} |"
    )


def _error_count(runs: list[Traffic]) -> int:
    return sum(len(messages) for run in runs for messages in run.errors.values())


def problems(runs: list[Traffic], jobs: JobAccount) -> list[str]:
    """What went wrong; the run is good when this is empty."""
    found = []
    if errors := _error_count(runs):
        found.append(f"{errors} requests failed")
    if jobs.lost:
        found.append(f"{len(jobs.lost)} jobs lost: {', '.join(jobs.lost[:5])}")
    if jobs.duplicated:
        found.append(f"{len(jobs.duplicated)} jobs duplicated: {', '.join(jobs.duplicated[:5])}")
    if jobs.unexpected:
        found.append(f"{len(jobs.unexpected)} jobs no upload answered for")
    return found


def report(
    machine: str, setup: str, plan: UserPlan, alone: Traffic, traffic: Traffic, jobs: JobAccount
) -> str:
    lines = [
        "# Load: many creators at once against the real server and workers",
        "",
        machine,
        "",
        setup,
        "",
        f"{plan.users} users for {plan.seconds:.0f} s ({traffic.seconds:.1f} s measured): "
        f"each registers, then uploads a 2 s clip {plan.uploads_per_user} times, spread over "
        "the run, and in between lists its videos, lists its jobs and reads its latest job, "
        f"waiting {plan.think_seconds * 1000:.0f} ms after each answer. Latency is from "
        "sending the request to reading the whole answer, on loopback. *Alone* is the same "
        "request from one user with nobody else about, measured just before (its uploads "
        "with idle workers, its reads once they had finished); the ratio is the cost of "
        "the crowd.",
        "",
        "| endpoint | requests | per second | p50 ms | p95 ms | p99 ms | alone p50 ms "
        "| p50 ÷ alone | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for endpoint in sorted(traffic.latencies):
        errors = len(traffic.errors.get(endpoint, []))
        lines.append(
            _row(
                endpoint,
                traffic.latencies[endpoint],
                errors,
                traffic.seconds,
                alone.latencies.get(endpoint, []),
            )
        )
    lines += [
        "",
        f"All endpoints: {traffic.requests} requests, {traffic.requests / traffic.seconds:.1f} "
        f"per second, {_error_count([traffic])} errors under load and "
        f"{_error_count([alone])} alone.",
        "",
        f"Jobs: {jobs.uploaded} uploaded (the baseline's {len(alone.uploaded_job_ids)} "
        f"included), {jobs.completed} COMPLETED; the queue drained "
        f"{jobs.drain_seconds:.1f} s after the load stopped. Lost: {len(jobs.lost)}. "
        f"Duplicated: {len(jobs.duplicated)}. Jobs no upload answered for: "
        f"{len(jobs.unexpected)}. Claims in the workers' logs: {jobs.claims}.",
    ]
    for run_name, run in (("alone", alone), ("under load", traffic)):
        for endpoint, messages in sorted(run.errors.items()):
            quoted = "; ".join(f"`{message}`" for message in messages[:ERROR_SAMPLES])
            lines += ["", f"Errors on {endpoint} {run_name} ({len(messages)}): {quoted}"]
    found = problems([alone, traffic], jobs)
    verdict = "FAILURE: " + "; ".join(found) if found else "no errors, no lost or duplicated jobs"
    lines += ["", f"Result: {verdict}."]
    return "\n".join(lines) + "\n"
