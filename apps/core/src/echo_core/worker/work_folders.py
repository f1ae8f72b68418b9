"""Where a worker keeps a job's intermediate files on this machine (the fetched original,
the decoded audio, frames): one folder per job under the data directory's `work`."""

import shutil
from pathlib import Path

from echo_core.config import Settings


def job_work_dir(settings: Settings, job_id: str) -> Path:
    return settings.work_dir / job_id


def remove_job_work_dir(settings: Settings, job_id: str) -> None:
    shutil.rmtree(job_work_dir(settings, job_id), ignore_errors=True)
