"""How a local run shows its progress: an in-place bar on a terminal, plain lines elsewhere.

Lines written to a log or a CI console cannot be redrawn, so there each stage prints a
percentage at most every few seconds and one line when it finishes.
"""

import os
import time
from collections.abc import Callable
from typing import Protocol, TextIO

PLAIN_INTERVAL_SECONDS = 3.0
BAR_WIDTH = 24
DEFAULT_COLUMNS = 80
_CLEAR_LINE = "\r\x1b[K"


class ProgressDisplay(Protocol):
    def stage_started(self, number: int, total: int, name: str) -> None: ...

    def update(self, fraction: float, detail: str | None) -> None:
        """The stage's latest progress; called several times a second, changed or not."""

    def stage_finished(self, detail: str, seconds: float) -> None: ...

    def stage_failed(self, message: str) -> None: ...

    def stopped(self) -> None:
        """The run was interrupted in the middle of the current stage."""


def progress_display_for(stream: TextIO) -> ProgressDisplay:
    if stream.isatty() and os.environ.get("TERM") != "dumb":
        return TerminalProgress(stream)
    return PlainProgress(stream)


class TerminalProgress:
    """One line per stage, redrawn in place while it runs and left behind when it ends."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._prefix = ""
        self._started = 0.0
        self._drawn = ""

    def stage_started(self, number: int, total: int, name: str) -> None:
        self._prefix = f"[{number}/{total}] {name}"
        self._started = self._clock()
        self._drawn = ""
        self.update(0.0, None)

    def update(self, fraction: float, detail: str | None) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        filled = round(fraction * BAR_WIDTH)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        elapsed = int(self._clock() - self._started)
        line = f"{self._prefix} {bar} {fraction:4.0%} {elapsed:3d}s"
        if detail:
            line += f"  {detail}"
        # A line that wraps cannot be redrawn with \r, so it is cut to the terminal's width.
        line = line[: self._columns() - 1]
        if line != self._drawn:
            self._write(_CLEAR_LINE + line)
            self._drawn = line

    def stage_finished(self, detail: str, seconds: float) -> None:
        self._end_line(f"✓ {detail} ({seconds:.1f} s)")

    def stage_failed(self, message: str) -> None:
        self._end_line(f"✗ {message}")

    def stopped(self) -> None:
        if self._drawn:
            self._end_line("stopped")

    def _end_line(self, outcome: str) -> None:
        self._write(f"{_CLEAR_LINE}{self._prefix} {outcome}\n")
        self._drawn = ""

    def _columns(self) -> int:
        try:
            columns = os.get_terminal_size(self._stream.fileno()).columns
        except (OSError, ValueError):
            columns = 0
        # A terminal that reports no size (a fresh pseudo-terminal) gets the classic width.
        return columns or DEFAULT_COLUMNS

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()


class PlainProgress:
    """`[3/7] transcribe: 45%, 120 words` now and then, and a line for each finished stage."""

    def __init__(
        self,
        stream: TextIO,
        interval_seconds: float = PLAIN_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._interval = interval_seconds
        self._clock = clock
        self._prefix = ""
        self._last_line_at = 0.0
        self._last_report: tuple[int, str | None] | None = None
        self._running = False

    def stage_started(self, number: int, total: int, name: str) -> None:
        self._prefix = f"[{number}/{total}] {name}"
        self._last_line_at = self._clock()
        self._last_report = None
        self._running = True

    def update(self, fraction: float, detail: str | None) -> None:
        now = self._clock()
        report = (round(min(max(fraction, 0.0), 1.0) * 100), detail)
        if now - self._last_line_at < self._interval or report == self._last_report:
            return
        percent, _ = report
        self._print(f"{self._prefix}: {percent}%" + (f", {detail}" if detail else ""))
        self._last_line_at = now
        self._last_report = report

    def stage_finished(self, detail: str, seconds: float) -> None:
        self._print(f"{self._prefix}: done in {seconds:.1f} s: {detail}")
        self._running = False

    def stage_failed(self, message: str) -> None:
        self._print(f"{self._prefix}: failed: {message}")
        self._running = False

    def stopped(self) -> None:
        if self._running:
            self._print(f"{self._prefix}: stopped")

    def _print(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()
