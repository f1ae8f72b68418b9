"""Pipeline benchmark: speech recognition alone versus the whole pipeline, on one video.

Run from the repository root (Linux; needs `cd apps/core && uv sync` once, and flite):

    apps/core/.venv/bin/python bench/pipeline.py [--repeat 5] [--minutes 4]

It makes a spoken video about `--minutes` long (the tests' four flite topics, read again
and again; cached in bench/.cache/), extracts its sound once, then in each repeat measures:
  1. recognition alone: PocketsphinxEngine(threads=1), and (threads=2), on that WAV;
  2. the whole pipeline: the video uploaded to the real app (fresh SQLite data directory,
     in-process ASGI) and an in-process Worker run until the job is COMPLETED; only the
     worker is timed, and the job's stage records say where its time went.
Seconds are medians over the repeats; ratios are taken within each repeat, then their
median; the stage table is the median pipeline run's. The Markdown tables are printed
and written to bench/results/pipeline.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from machine import add_machine_option, machine_line
from pipeline_report import report
from recognition import Recognition, recognize, warm_up
from speech_long import cached_speech_video

from echo_core.config import Settings
from echo_core.media.limits import MediaLimits
from echo_core.pipeline.audio import extract_audio
from echo_core.pipeline.progress import ignore_progress

if TYPE_CHECKING:
    from app_pipeline import PipelineRun

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results" / "pipeline.md"


def pipeline_run(work: Path, video: Path) -> PipelineRun:
    # Imported here: each recognizer process is spawned and re-imports this script, and the
    # app takes seconds to import, which would be charged to recognition in every case.
    from app_pipeline import run_pipeline

    data_dir = Path(tempfile.mkdtemp(dir=work, prefix="data-"))
    # Opened here, not in the coroutine: the upload streams it from disk in chunks.
    with video.open("rb") as stream:
        return asyncio.run(run_pipeline(data_dir, stream, video.name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of every case")
    parser.add_argument("--minutes", type=float, default=4, help="length of the spoken video")
    add_machine_option(parser)
    args = parser.parse_args()
    # On SIGTERM, unwind normally so the temp dirs are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Only the settings this benchmark chooses: an ECHO_* variable from the shell must not
    # send the app to another database or change its engines.
    for key in [key for key in os.environ if key.startswith("ECHO_")]:
        del os.environ[key]

    machine = machine_line(args)
    video = cached_speech_video(CACHE, args.minutes)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="run-") as tmp:
        work = Path(tmp)
        wav = work / "audio.wav"
        started = time.perf_counter()
        limits = MediaLimits.from_settings(Settings())
        audio = extract_audio(video, wav, limits, ignore_progress)
        extract_seconds = time.perf_counter() - started
        warm_up(wav, work)
        one: list[Recognition] = []
        two: list[Recognition] = []
        pipelines: list[PipelineRun] = []
        cases = [
            lambda: one.append(recognize(wav, threads=1)),
            lambda: two.append(recognize(wav, threads=2)),
            lambda: pipelines.append(pipeline_run(work, video)),
        ]
        for repeat in range(args.repeat):
            print(f"repeat {repeat + 1}/{args.repeat} ...", flush=True)
            # Interleaved, each repeat starting one case later, so load from other users
            # that builds up or fades during a repeat favours no case.
            first = repeat % len(cases)
            for case in cases[first:] + cases[:first]:
                case()

    table = report(machine, audio.duration_seconds, extract_seconds, one, two, pipelines)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)
    print(f"written to {RESULTS.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
