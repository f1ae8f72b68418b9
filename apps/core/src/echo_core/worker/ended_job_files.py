"""What a job leaves in storage and on this machine once it has ended: only what it serves.

Removal is best effort: the job's outcome is already saved, and a store that is down now
leaves files that go when the video is deleted.
"""

import logging
from collections.abc import Sequence

from echo_core.config import Settings
from echo_core.storage.base import Storage, StorageError
from echo_core.storage.job_keys import job_prefix, scratch_keys
from echo_core.worker.work_folders import remove_job_work_dir

logger = logging.getLogger(__name__)


async def remove_scratch(settings: Settings, storage: Storage, job_id: str) -> None:
    """The decoded audio and the work folder feed only the job's own later stages. A retry
    of an ended job decodes the audio again: a few seconds, against 2 MB per minute kept."""
    remove_job_work_dir(settings, job_id)
    for key in scratch_keys(job_id):
        try:
            await storage.delete(key)
        except StorageError as error:
            logger.warning("job %s: scratch file %s not removed: %s", job_id, key, error)


async def remove_superseded_jobs_files(storage: Storage, job_ids: Sequence[str]) -> None:
    """The files of a video's earlier jobs, once a newer job completed: only the latest
    job's subtitles and thumbnails are served."""
    for job_id in job_ids:
        try:
            await storage.delete_prefix(job_prefix(job_id))
        except StorageError as error:
            logger.warning("job %s: files of the superseded job not removed: %s", job_id, error)
