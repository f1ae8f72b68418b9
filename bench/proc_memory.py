"""Resident memory of a process, read from /proc (Linux only). Sizes are in KiB."""

from pathlib import Path


def status_kib(pid: int | str, field: str) -> int:
    """A `Vm*` line of /proc/<pid>/status, e.g. VmRSS (now) or VmHWM (peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(f"{field} not in /proc/{pid}/status")


def start_peak_window(pid: int | str = "self") -> int:
    """Start measuring peak memory growth; return the baseline to subtract from VmHWM later.

    Writing 5 to clear_refs resets VmHWM to the current RSS, so the later peak is this
    window's peak. If the kernel refuses, fall back to the peak so far (growth then only
    counts memory above every earlier peak, so it can under-report).
    """
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return status_kib(pid, "VmRSS")
    except OSError:
        return status_kib(pid, "VmHWM")


def peak_growth_kib(baseline_kib: int, pid: int | str = "self") -> int:
    return status_kib(pid, "VmHWM") - baseline_kib
