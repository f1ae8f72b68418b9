"""What processes killed earlier left on disk, removed when `serve` or `worker` starts.

A SIGKILL or a power cut runs no clean-up: an upload being received leaves its partial
file in `DATA_DIR/tmp`, and a job being processed its work folder in `DATA_DIR/work`.
Several processes may share one data directory, so only what none of them can still be
using is removed: partial uploads last written longer ago than an upload may take
(`ECHO_UPLOAD_TIMEOUT_SECONDS`), and the work folders of jobs that no live worker holds.
"""

import asyncio
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from echo_core.config import Settings
from echo_core.runtime import build_runtime
from echo_core.worker.job_store import JobStore


@dataclass(frozen=True)
class SweptLeftovers:
    partial_uploads: int
    work_folders: int


def remove_leftovers_at_start(settings: Settings) -> None:
    """Sweep, and say what was removed: the first lines `serve` and `worker` print."""
    swept = asyncio.run(sweep_leftovers(settings))
    print(
        f"Removed the leftovers of stopped processes: {swept.partial_uploads} partial "
        f"upload(s), {swept.work_folders} work folder(s)",
        flush=True,
    )


async def sweep_leftovers(settings: Settings) -> SweptLeftovers:
    async with build_runtime(settings) as runtime:
        store = JobStore(runtime.session_factory)
        work_folders = await remove_unheld_work_folders(settings.work_dir, store)
    partial_uploads = remove_old_partial_uploads(
        settings.uploads_tmp_dir, settings.upload_timeout_seconds
    )
    return SweptLeftovers(partial_uploads=partial_uploads, work_folders=work_folders)


def remove_old_partial_uploads(tmp_dir: Path, older_than_seconds: float) -> int:
    """An upload still being received started less than the upload timeout ago, so its file
    was written since; an older file belongs to an upload that can no longer finish."""
    if not tmp_dir.is_dir():
        return 0
    oldest_allowed = time.time() - older_than_seconds
    removed = 0
    for path in tmp_dir.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < oldest_allowed:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # its own request removed it meanwhile
            continue
    return removed


async def remove_unheld_work_folders(work_dir: Path, store: JobStore) -> int:
    """Keep the folders of jobs a worker runs now (PROCESSING, lease not lapsed), here or in
    another process sharing the data directory; the others' jobs are finished, gone, or
    will be fetched afresh by whichever worker resumes them."""
    folders = _folders_in(work_dir)
    held = await store.ids_held_by_live_workers([folder.name for folder in folders])
    unheld = [folder for folder in folders if folder.name not in held]
    for folder in unheld:
        shutil.rmtree(folder, ignore_errors=True)
    return len(unheld)


def _folders_in(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [path for path in directory.iterdir() if path.is_dir()]
