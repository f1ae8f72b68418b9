"""The text a scrape of /metrics answers: this process's counters, and the queue as the
database holds it right now."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from echo_core.observability.metrics import REGISTRY

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass(frozen=True)
class QueueGauges:
    jobs_by_status: Mapping[str, int]
    workers_alive: int


class _QueueCollector(Collector):
    def __init__(self, gauges: QueueGauges) -> None:
        self._gauges = gauges

    def collect(self) -> Iterator[Metric]:
        jobs = GaugeMetricFamily(
            "echo_jobs", "Jobs by status (the queue's depth)", labels=["status"]
        )
        for status, count in sorted(self._gauges.jobs_by_status.items()):
            jobs.add_metric([status.lower()], count)
        yield jobs
        yield GaugeMetricFamily(
            "echo_workers_alive",
            "Workers whose heartbeat is recent",
            value=self._gauges.workers_alive,
        )


def metrics_text(gauges: QueueGauges | None) -> bytes:
    """Without gauges (the database did not answer) the queue's series are left out."""
    text = generate_latest(REGISTRY)
    if gauges is None:
        return text
    scraped = CollectorRegistry(auto_describe=False)
    scraped.register(_QueueCollector(gauges))
    return text + generate_latest(scraped)
