"""Progress from worker threads, picked up by the event loop at its own pace."""

import threading


class ProgressReporter:
    """Holds the latest (fraction, detail); engines call it from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fraction = 0.0
        self._detail: str | None = None
        self._changed = False

    def __call__(self, fraction: float, detail: str | None) -> None:
        with self._lock:
            self._fraction = fraction
            if detail is not None:
                self._detail = detail
            self._changed = True

    def take(self) -> tuple[float, str | None] | None:
        """The latest report if it changed since the last take, else None."""
        with self._lock:
            if not self._changed:
                return None
            self._changed = False
            return self._fraction, self._detail
