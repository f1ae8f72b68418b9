"""Baseline case, run in a fresh process: `python copy_case.py SRC DST`.

Copies SRC to DST with shutil.copyfile and prints JSON: seconds and peak RSS growth (KiB).
"""

import json
import shutil
import sys
import time

from proc_memory import peak_growth_kib, start_peak_window

source, destination = sys.argv[1], sys.argv[2]
baseline = start_peak_window()
started = time.perf_counter()
shutil.copyfile(source, destination)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_growth_kib": peak_growth_kib(baseline)}))
