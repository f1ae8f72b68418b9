"""Upload memory benchmark: POST /api/videos versus a plain file copy.

Run from the repository root (Linux; needs `cd apps/core && uv sync` once):

    apps/core/.venv/bin/python bench/upload_memory.py [--size-mib 200] [--runs 3]

It makes a real ~200 MiB H.264 MP4 (cached in bench/.cache/), then measures:
  1. copy:   shutil.copyfile of that file on the same disk, each run in a fresh process;
  2. upload: the same file streamed by httpx as multipart field `file` to the real
     `echo-core serve` (own temp data directory, 127.0.0.1 only), after one small
     warm-up upload; the server's peak RSS growth is read from /proc/<pid>/status.
Seconds are the median of the runs, memory growth the worst run. The Markdown table is
printed and written to bench/results/upload_memory.md.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from echo_server import Server, running_server
from machine import add_machine_option, machine_line
from noise_video import cached_noise_video
from proc_memory import peak_growth_kib, start_peak_window

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results" / "upload_memory.md"
MIB = 1024**2


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_growth_kib: int


def copy_run(source: Path, destination: Path) -> Run:
    os.sync()  # every run starts with no dirty pages waiting for the disk
    output = subprocess.run(
        [sys.executable, str(BENCH / "copy_case.py"), str(source), str(destination)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    destination.unlink()
    return Run(**json.loads(output))


def upload(client: httpx.Client, token: str, video: Path) -> None:
    # An open file in `files=` is sent in 64 KiB chunks, never read whole.
    with video.open("rb") as stream:
        response = client.post(
            "/api/videos",
            files={"file": (video.name, stream, "video/mp4")},
            headers={"Authorization": f"Bearer {token}"},
        )
    if response.status_code != 201:
        raise RuntimeError(f"upload failed: {response.status_code} {response.text}")


def upload_run(client: httpx.Client, token: str, server: Server, video: Path) -> Run:
    os.sync()
    baseline = start_peak_window(server.pid)
    started = time.perf_counter()
    upload(client, token, video)
    seconds = time.perf_counter() - started
    return Run(seconds, peak_growth_kib(baseline, server.pid))


def measure_uploads(work: Path, video: Path, warmup: Path, runs: int) -> tuple[list[Run], int]:
    """Upload runs, and the client's own peak growth (to show it streams from disk)."""
    with (
        running_server(work / "data", max_upload_bytes=2 * video.stat().st_size) as server,
        httpx.Client(base_url=server.base_url, trust_env=False, timeout=600) as client,
    ):
        credentials = {"email": "bench@example.com", "password": "benchmark-password"}
        registered = client.post("/api/auth/register", json=credentials)
        registered.raise_for_status()
        token = registered.json()["access_token"]
        upload(client, token, warmup)
        client_baseline = start_peak_window()
        results = [upload_run(client, token, server, video) for _ in range(runs)]
        return results, peak_growth_kib(client_baseline)


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:,.1f}x" if denominator > 0 else "n/a (copy grew 0)"


def report(machine: str, size: int, copies: list[Run], uploads: list[Run], client_kib: int) -> str:
    def summary(runs: list[Run]) -> tuple[float, float]:
        return statistics.median(r.seconds for r in runs), max(r.peak_growth_kib for r in runs)

    copy_s, copy_kib = summary(copies)
    upload_s, upload_kib = summary(uploads)
    rows = [
        ("copy (shutil.copyfile)", copy_s, copy_kib),
        ("upload (POST /api/videos)", upload_s, upload_kib),
    ]
    lines = [
        f"# Upload memory: {size / MIB:,.1f} MiB MP4, {len(copies)} runs each",
        "",
        f"{machine} At the end, load average (1 min) {os.getloadavg()[0]:.1f}.",
        "Seconds: median; memory: worst run (VmHWM growth).",
        "",
        "| case | seconds | MiB/s | peak memory growth (MiB) |",
        "|---|---:|---:|---:|",
        *(
            f"| {name} | {s:.3f} | {size / MIB / s:,.0f} | {kib / 1024:.1f} |"
            for name, s, kib in rows
        ),
        "",
        "| ratio | value |",
        "|---|---:|",
        f"| upload time / copy time | {ratio(upload_s, copy_s)} |",
        f"| upload peak growth / copy peak growth | {ratio(upload_kib, copy_kib)} |",
        f"| upload peak growth / file size | {upload_kib * 1024 / size:.2%} |",
        "",
        f"Per run, seconds: copy {', '.join(f'{r.seconds:.3f}' for r in copies)}; "
        f"upload {', '.join(f'{r.seconds:.3f}' for r in uploads)}.",
        f"Per run, peak growth KiB: copy {', '.join(str(r.peak_growth_kib) for r in copies)}; "
        f"upload {', '.join(str(r.peak_growth_kib) for r in uploads)}.",
        f"Client (httpx, streaming from disk) peak growth over all uploads: {client_kib} KiB.",
        "On Linux shutil.copyfile uses sendfile (the kernel copies; no user-space buffer),",
        "so the copy's growth is near zero and the memory ratio is against that floor.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=200, help="size of the test video")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per case")
    add_machine_option(parser)
    args = parser.parse_args()
    # On SIGTERM, unwind normally so the server is stopped and temp dirs are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    machine = machine_line(args)
    video = cached_noise_video(CACHE, args.size_mib)
    warmup = cached_noise_video(CACHE, 2)
    # Temp dirs live next to the video, so the copy and the upload stay on one disk.
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="run-") as tmp:
        work = Path(tmp)
        copies = [copy_run(video, work / "copy.mp4") for _ in range(args.runs)]
        uploads, client_kib = measure_uploads(work, video, warmup, args.runs)

    table = report(machine, video.stat().st_size, copies, uploads, client_kib)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)
    print(f"written to {RESULTS.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
