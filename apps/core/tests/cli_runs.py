"""Run `echo-core` as a real process, with only the ECHO_* settings a test chooses."""

import os
import subprocess
import sys
from pathlib import Path

COMMAND = [sys.executable, "-m", "echo_core.cli"]


def clean_env(**settings: str) -> dict[str, str]:
    """This environment without any ECHO_* variable the developer may have set, plus `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ECHO_")}
    return {**env, **settings}


def run_cli(
    *args: str, cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    # cwd matters: a developer's .env in the repository must not leak into the test.
    return subprocess.run(
        [*COMMAND, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
