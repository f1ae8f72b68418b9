"""Peak memory of a process, for tests: bench/proc_memory.py's reading of /proc, loaded
from its file because bench/ is not a package."""

import importlib.util
from pathlib import Path

_SOURCE = Path(__file__).resolve().parents[3] / "bench" / "proc_memory.py"
_spec = importlib.util.spec_from_file_location("proc_memory", _SOURCE)
assert _spec is not None and _spec.loader is not None
_proc_memory = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_proc_memory)

start_peak_window = _proc_memory.start_peak_window
peak_growth_kib = _proc_memory.peak_growth_kib
