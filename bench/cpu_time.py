"""CPU time of this process and its finished children, which a busy machine distorts less
than wall time: waiting for a core counts in seconds, not in CPU seconds."""

import resource


def cpu_seconds() -> float:
    """User + system seconds of this process and of every child it has waited for (the
    recognizer's worker processes count once their pool has shut down)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total
