"""A worker's child processes, read from Linux's /proc: which recognizers it runs, and
whether a process seen earlier is still alive (the same process, not a reused pid)."""

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
# How multiprocessing starts a spawned child, and its resource tracker.
RECOGNIZER_MARK = "multiprocessing.spawn"
TRACKER_MARK = "multiprocessing.resource_tracker"


@dataclass(frozen=True)
class ProcessId:
    """A pid together with its start time, since a pid may be given to a new process."""

    pid: int
    started: int


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name in parentheses may hold spaces; the fields after it do not.
    return text[text.rindex(")") + 2 :].split()


def _command_line(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _identify(pid: int) -> ProcessId | None:
    fields = _stat_fields(pid)
    if fields is None or fields[0] == "Z":
        return None
    return ProcessId(pid, int(fields[19]))


def descendants(pid: int) -> list[ProcessId]:
    """Every live process below `pid`, children and their children."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[ProcessId] = []
    waiting = list(children.get(pid, []))
    while waiting:
        child = waiting.pop()
        if (identity := _identify(child)) is not None:
            found.append(identity)
        waiting.extend(children.get(child, []))
    return found


def recognizers(worker_pid: int) -> list[ProcessId]:
    """The speech recognizer processes the worker runs now."""
    return [p for p in descendants(worker_pid) if RECOGNIZER_MARK in _command_line(p.pid)]


def resource_trackers(worker_pid: int) -> list[ProcessId]:
    return [p for p in descendants(worker_pid) if TRACKER_MARK in _command_line(p.pid)]


def is_alive(process: ProcessId) -> bool:
    return _identify(process.pid) == process
