"""Echo's Prometheus metrics, counted in the process where things happen.

The API process counts its requests; whichever process runs a worker (the API's embedded
one, or `echo-core worker`) counts stages and jobs. What every process sees alike, the
queue and the workers alive, is read from the database when scraped (metrics_text.py).
"""

from typing import Literal

from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

# A label for requests no route matched, so scanners cannot mint a series per path.
UNMATCHED_ROUTE = "unmatched"

http_requests = Counter(
    "echo_http_requests",
    "HTTP requests answered, by route template, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
http_request_duration = Histogram(
    "echo_http_request_duration_seconds",
    "Time to answer an HTTP request, up to the end of the response body",
    ["route", "method"],
    registry=REGISTRY,
)
stage_duration = Histogram(
    "echo_stage_duration_seconds",
    "Time a pipeline stage ran, by stage and the engine it used",
    ["stage", "engine"],
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200),
    registry=REGISTRY,
)
JobOutcome = Literal["completed", "failed", "retried", "lease_lost"]
job_outcomes = Counter(
    "echo_job_outcomes",
    "Ends of job attempts: completed, failed, released for a retry, or lease lost",
    ["outcome"],
    registry=REGISTRY,
)
PublicationOutcome = Literal["completed", "failed"]
publication_outcomes = Counter(
    "echo_publication_outcomes",
    "Publications to YouTube that completed or failed",
    ["outcome"],
    registry=REGISTRY,
)


def record_job_outcome(outcome: JobOutcome) -> None:
    job_outcomes.labels(outcome=outcome).inc()


def record_publication_outcome(outcome: PublicationOutcome) -> None:
    """Called by the publishing code once a publication has ended."""
    publication_outcomes.labels(outcome=outcome).inc()


def record_stage(stage: str, engines: dict[str, str], seconds: float) -> None:
    stage_duration.labels(stage=stage, engine=engine_label(engines)).observe(seconds)


def engine_label(engines: dict[str, str]) -> str:
    """`pocketsphinx`, or `builtin` for a stage that has no engine to choose."""
    return "+".join(sorted(set(engines.values()))) or "builtin"


def record_request(route: str, method: str, status: int, seconds: float) -> None:
    http_requests.labels(route=route, method=method, status=str(status)).inc()
    http_request_duration.labels(route=route, method=method).observe(seconds)
