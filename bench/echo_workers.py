"""`echo-core worker` processes beside the benchmark's server, stopped on exit."""

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from echo_server import ECHO_CORE, clean_environment


@contextlib.contextmanager
def running_workers(count: int, data_dir: Path, settings: dict[str, str]) -> Iterator[list[Path]]:
    """Start `count` workers with these ECHO_* settings; yields their log files."""
    logs = [data_dir / f"worker-{number}.log" for number in range(1, count + 1)]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for log in logs:
            with log.open("wb") as log_file:
                processes.append(
                    subprocess.Popen(
                        [str(ECHO_CORE), "worker"],
                        cwd=data_dir,  # so no stray .env file is read
                        env=clean_environment() | settings,
                        stdout=log_file,
                        stderr=subprocess.STDOUT,
                    )
                )
        yield logs
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
