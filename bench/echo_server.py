"""The real `echo-core serve`, on a free 127.0.0.1 port, for the length of a `with` block."""

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ECHO_CORE = Path(__file__).resolve().parent.parent / "apps" / "core" / ".venv" / "bin" / "echo-core"


@dataclass(frozen=True)
class Server:
    pid: int
    base_url: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    with httpx.Client(base_url=base_url, trust_env=False, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"echo-core exited with {process.returncode}:\n{log.read_text()[-4000:]}"
                )
            with contextlib.suppress(httpx.TransportError):
                if client.get("/api/health").status_code == 200:
                    return
            time.sleep(0.2)
    raise RuntimeError(f"echo-core was not healthy within 60 s:\n{log.read_text()[-4000:]}")


def clean_environment() -> dict[str, str]:
    """This environment without ECHO_* variables: one from the shell must not point a
    benchmark's processes elsewhere."""
    return {key: value for key, value in os.environ.items() if not key.startswith("ECHO_")}


@contextlib.contextmanager
def running_server(
    data_dir: Path, max_upload_bytes: int, settings: dict[str, str] | None = None
) -> Iterator[Server]:
    """Start the server with its own data directory (SQLite and media unless `settings`,
    more ECHO_* variables, say otherwise); stop it on exit."""
    if not ECHO_CORE.is_file():
        raise SystemExit(f"{ECHO_CORE} is missing: run `cd apps/core && uv sync` first")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = clean_environment() | {
        "ECHO_DATA_DIR": str(data_dir),
        "ECHO_MAX_UPLOAD_BYTES": str(max_upload_bytes),
        "ECHO_JWT_SECRET": "benchmark-only-secret-not-used-anywhere-else",
        **(settings or {}),
    }
    port = _free_port()
    log = data_dir / "server.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [str(ECHO_CORE), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=data_dir,  # so no stray .env file is read
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_healthy(process, base_url, log)
        yield Server(pid=process.pid, base_url=base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
