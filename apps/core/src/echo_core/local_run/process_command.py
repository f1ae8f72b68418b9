"""`echo-core process VIDEO`: check the input, run the stages, move the results into place.

Results are written into a hidden directory next to the destination and renamed into
place at the end, so a failed or interrupted run leaves nothing half-written behind.
"""

import asyncio
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

from echo_core.config import Settings
from echo_core.errors import InvalidInputError
from echo_core.local_run.outputs import write_outputs
from echo_core.local_run.progress_display import ProgressDisplay, progress_display_for
from echo_core.local_run.stage_runner import LocalStageError, run_stages
from echo_core.services.spoken_language import AUTO_LANGUAGE, checked_language
from echo_core.settings_loading import ConfigurationError, load_settings

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


class BadInputError(Exception):
    """The command line names something Echo cannot work with."""


def process_command(
    video: str,
    out: str | None,
    asr_engine: str | None,
    text_engine: str | None,
    language: str = AUTO_LANGUAGE,
) -> int:
    try:
        source = _checked_source(Path(video))
        destination = _checked_destination(Path(out) if out else Path(f"{source.stem}-echo"))
        overrides = {"asr_engine": asr_engine, "text_engine": text_engine}
        settings = load_settings(**{key: value for key, value in overrides.items() if value})
        # Checked as an upload's `language` field is, before any work starts.
        language = asyncio.run(checked_language(settings, language))
    except (BadInputError, ConfigurationError) as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    except InvalidInputError as error:
        return _fail(error.message, EXIT_BAD_INPUT)

    display = progress_display_for(sys.stderr)
    try:
        _process(source, destination, settings, display, language)
    except KeyboardInterrupt:
        display.stopped()
        return _fail(f"stopped; nothing was written to {destination}", EXIT_INTERRUPTED)
    except LocalStageError as error:
        # The probe is the first look at the file: when it fails, the file is not a usable video.
        if error.stage == "probe":
            return _fail(f"{source}: {error.message}", EXIT_BAD_INPUT)
        return _fail(str(error), EXIT_FAILED)
    except OSError as error:
        return _fail(f"could not write {destination}: {error}", EXIT_FAILED)
    print(f"Wrote {destination}")
    return 0


def _checked_source(source: Path) -> Path:
    if not source.exists():
        raise BadInputError(f"no such file: {source}")
    if not source.is_file():
        raise BadInputError(f"not a file: {source}")
    return source


def _checked_destination(destination: Path) -> Path:
    # Never mixed with or replacing what is already there: it may be the creator's own files.
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BadInputError(
            f"{destination} already exists and is not empty; remove it or choose another --out"
        )
    return destination


def _process(
    source: Path, destination: Path, settings: Settings, display: ProgressDisplay, language: str
) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Beside the destination, so moving it into place is a rename within one file system.
    staging = destination.parent / f".{destination.name}.{uuid.uuid4().hex[:8]}.partial"
    staging.mkdir()
    try:
        with tempfile.TemporaryDirectory(prefix="echo-process-") as scratch:
            asyncio.run(_run_and_write(source, settings, Path(scratch), staging, display, language))
        if destination.is_dir():
            destination.rmdir()  # empty (checked at the start); rmdir refuses otherwise
        staging.rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


async def _run_and_write(
    source: Path,
    settings: Settings,
    scratch: Path,
    staging: Path,
    display: ProgressDisplay,
    language: str,
) -> None:
    run = await run_stages(source, settings, scratch, display, language)
    await write_outputs(run, source, staging)


def _fail(message: str, exit_code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return exit_code
