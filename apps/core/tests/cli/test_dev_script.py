"""`make dev` (scripts/dev.sh) stops cleanly on SIGTERM and on Ctrl-C: both servers and
every process they started end, and nothing crashes on the way out."""

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.cli_runs import clean_env
from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[4]
DEV_SCRIPT = ROOT / "scripts" / "dev.sh"
UV = ROOT / ".tools" / "bin" / "uv"

pytestmark = pytest.mark.skipif(
    not (UV.exists() and (ROOT / "apps" / "web" / "node_modules" / ".bin" / "vite").exists()),
    reason="needs `make install` (uv in .tools, the web app's node_modules)",
)


def start_dev(tmp_path: Path, api_port: int, web_port: int) -> subprocess.Popen[bytes]:
    def as_a_terminal_starts_it() -> None:
        # Ctrl-C must be deliverable: a process started in the background inherits SIGINT
        # ignored, and bash cannot trap a signal ignored when it started.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    env = clean_env(DATA_DIR=str(tmp_path / "data"), API_PORT=str(api_port), WEB_PORT=str(web_port))
    with (tmp_path / "dev.log").open("wb") as log:
        return subprocess.Popen(
            [str(DEV_SCRIPT), str(UV)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=as_a_terminal_starts_it,
        )


def wait_until_serving(process: subprocess.Popen[bytes], urls: list[str], log: Path) -> None:
    deadline = time.monotonic() + 180
    pending = list(urls)
    while pending:
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        try:
            httpx.get(pending[0], timeout=5)
            pending.pop(0)
        except httpx.TransportError:
            time.sleep(0.5)


def processes_in_session(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, session. Zombies have ended already.
        if fields[0] != "Z" and int(fields[3]) == session:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_make_dev_stops_cleanly(tmp_path: Path, signum: int) -> None:
    api_port, web_port = free_port(), free_port()
    process = start_dev(tmp_path, api_port, web_port)
    log = tmp_path / "dev.log"
    try:
        wait_until_serving(
            process,
            [f"http://127.0.0.1:{api_port}/api/health", f"http://127.0.0.1:{web_port}/"],
            log,
        )
        if signum == signal.SIGINT:
            # Ctrl-C: the terminal signals the whole foreground process group.
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while processes_in_session(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_in_session(process.pid) == [], "a server outlived make dev"
    finally:
        for pid in processes_in_session(process.pid):
            os.kill(pid, signal.SIGKILL)
    output = log.read_text()
    assert returncode == 0, output
    for crash in ("Segmentation fault", "RecursionError", "Traceback"):
        assert crash not in output, output
