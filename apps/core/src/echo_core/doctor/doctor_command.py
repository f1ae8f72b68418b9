"""Run every check, print one line each, and exit 0 only when everything needed works."""

import asyncio
from pathlib import Path

from echo_core.config import Settings
from echo_core.doctor.database_check import check_database
from echo_core.doctor.engine_checks import check_speech_engine, check_text_engine
from echo_core.doctor.finding import Finding, Status, failed, ok
from echo_core.doctor.media_check import check_media
from echo_core.doctor.storage_checks import check_data_dir, check_storage
from echo_core.settings_loading import ConfigurationError, load_settings

SUBJECT_WIDTH = 24


def doctor_command() -> int:
    try:
        settings = load_settings()
    except ConfigurationError as error:
        findings = [failed("configuration", str(error), "correct the variable (or .env line)")]
    else:
        findings = [_configuration_source(), *asyncio.run(_run_checks(settings))]
    for finding in findings:
        _print(finding)
    problems = sum(finding.status is Status.FAILED for finding in findings)
    if problems:
        print(f"\n{problems} problem{'s' if problems > 1 else ''}: see the ✗ lines above.")
        return 1
    print("\nEverything Echo needs works.")
    return 0


async def _run_checks(settings: Settings) -> list[Finding]:
    # Before the storage check, which may create the data directory.
    data_dir = check_data_dir(settings)
    # The slow checks (a model download, a remote server) run side by side.
    speech, text, database, storage = await asyncio.gather(
        check_speech_engine(settings),
        check_text_engine(settings),
        check_database(settings),
        check_storage(settings),
    )
    return [*speech, *text, database, data_dir, storage, check_media()]


def _configuration_source() -> Finding:
    dotenv = Path(".env").resolve()
    where = f"ECHO_* variables and {dotenv}" if dotenv.is_file() else "ECHO_* variables"
    return ok("configuration", f"read from {where}")


def _print(finding: Finding) -> None:
    print(f"{finding.status.value} {finding.subject:<{SUBJECT_WIDTH}}{finding.summary}")
    if finding.advice:
        print(f"  {'':<{SUBJECT_WIDTH}}→ {finding.advice}")
