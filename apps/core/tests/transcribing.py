"""Getting a worker process to the moment its recognizers decode real speech."""

import asyncio
import subprocess
import time
from collections.abc import Callable

from tests.conftest import Api
from tests.job_polling import stage, wait_for
from tests.process_tree import recognizers
from tests.speech_media import SpeechVideo


async def until(condition: Callable[[], bool], within_seconds: float) -> float:
    """Wait for `condition`; return how long it took."""
    started = time.monotonic()
    async with asyncio.timeout(within_seconds):
        while True:
            if condition():
                return time.monotonic() - started
            await asyncio.sleep(0.02)


async def transcribing(
    api: Api, token: str, spoken: SpeechVideo, worker: subprocess.Popen[bytes]
) -> tuple[str, str]:
    """Upload the spoken video and wait until the worker's recognizers decode it; return
    the video's and the job's ids."""
    body = (await api.upload(token, spoken.path)).json()
    await wait_for(
        api, token, body["job_id"], lambda s: stage(s, "transcribe")["status"] == "RUNNING", 180
    )
    await until(lambda: len(recognizers(worker.pid)) > 0, 60)
    return body["video_id"], body["job_id"]
