"""Reading a /metrics answer as Prometheus does: with its text parser."""

from prometheus_client.parser import text_string_to_metric_families


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample by its name and labels, e.g. ("echo_jobs", {("status", "completed")})."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    """A sample's value; 0 for a series not written yet (a counter nothing counted)."""
    return samples(text).get((name, frozenset(labels.items())), 0.0)
