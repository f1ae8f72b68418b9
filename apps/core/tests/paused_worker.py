"""`echo-core worker`, pausing after each stage it saves: for the fault tests that stop a
worker at a stage boundary. Stages on a test clip take milliseconds, too short to catch
by polling; the pause lives here so that production code has no knob for it.

Run as a script, `python paused_worker.py SECONDS`, with the settings in ECHO_* variables.
"""

import asyncio
import sys

from echo_core.config import Settings
from echo_core.observability.log_setup import configure_logging
from echo_core.worker.job_runner import AfterStage
from echo_core.worker.standalone import main


def pause_after_each_stage(seconds: float) -> AfterStage:
    async def pause(_stage: str) -> None:
        await asyncio.sleep(seconds)

    return pause


if __name__ == "__main__":
    settings = Settings()
    configure_logging(settings)
    main(settings, pause_after_each_stage(float(sys.argv[1])))
