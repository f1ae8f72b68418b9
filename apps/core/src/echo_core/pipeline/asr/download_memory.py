"""Remembering a failed model download, so that offline every job does not try again.

A small file in the data directory holds the model, the time and the error; it is shared
by the API, every worker and the command line. A successful download removes it.
"""

import json
import time
from dataclasses import dataclass
from pathlib import Path

_FILE_NAME = "whisper-download-failed.json"


@dataclass(frozen=True)
class FailedDownload:
    model: str
    failed_at: float  # seconds since the epoch
    error: str


class DownloadMemory:
    def __init__(self, data_dir: Path, remember_seconds: float) -> None:
        self._path = data_dir / _FILE_NAME
        self._remember_seconds = remember_seconds

    def recent_failure(self, model: str) -> FailedDownload | None:
        """The last failed download of `model`, if it failed recently enough to not retry."""
        try:
            stored = json.loads(self._path.read_text())
            failure = FailedDownload(
                str(stored["model"]), float(stored["failed_at"]), str(stored["error"])
            )
        except (OSError, ValueError, KeyError, TypeError):  # none, or unreadable: try again
            return None
        age = time.time() - failure.failed_at
        if failure.model != model or not 0 <= age < self._remember_seconds:
            return None
        return failure

    def remember_failure(self, model: str, error: str) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        record = {"model": model, "failed_at": time.time(), "error": error}
        # Written whole, then renamed: a reader never sees half a file.
        partial = self._path.with_suffix(".partial")
        partial.write_text(json.dumps(record))
        partial.replace(self._path)

    def forget(self) -> None:
        self._path.unlink(missing_ok=True)
