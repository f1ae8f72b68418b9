"""`echo-core models pull` fetches a Whisper model with a progress bar; `models list` shows
it on disk. The model is a tiny one the test builds, served by a stand-in for the Hub."""

import uuid
from pathlib import Path

from echo_core.pipeline.asr.download_memory import DownloadMemory
from tests.cli_runs import clean_env, run_cli
from tests.fake_hub import running_fake_hub
from tests.tiny_whisper import build_tiny_whisper


def test_pull_downloads_with_a_progress_bar_and_list_shows_the_model(tmp_path: Path) -> None:
    repository = f"echo-tests/pulled-{uuid.uuid4().hex[:12]}"
    served = build_tiny_whisper(tmp_path / "served")
    size = sum(path.stat().st_size for path in served.iterdir())
    env = clean_env(ECHO_DATA_DIR=str(tmp_path / "data"), ECHO_WHISPER_MODEL=repository)
    listed_before = run_cli("models", "list", cwd=tmp_path, env=env)
    with running_fake_hub(repository, served, bytes_per_second=size) as hub:
        online = {key: value for key, value in env.items() if key != "HF_HUB_OFFLINE"}
        pulled = run_cli("models", "pull", cwd=tmp_path, env={**online, "HF_ENDPOINT": hub.url})
    listed_after = run_cli("models", "list", cwd=tmp_path, env=env)

    assert f"* {repository}" in listed_before.stdout
    assert "not downloaded" in listed_before.stdout.splitlines()[1]
    assert pulled.returncode == 0, pulled.stderr
    assert f"The Whisper model {repository!r} is in" in pulled.stdout
    assert f"Downloading {repository}: 100%" in pulled.stderr  # tqdm's bar
    assert "on disk" in listed_after.stdout.splitlines()[1]


def test_pull_without_a_network_fails_clearly(tmp_path: Path) -> None:
    env = clean_env(ECHO_DATA_DIR=str(tmp_path / "data"), HF_ENDPOINT="http://127.0.0.1:9")
    env.pop("HF_HUB_OFFLINE", None)

    pulled = run_cli("models", "pull", "echo-tests/nowhere", cwd=tmp_path, env=env)

    assert pulled.returncode == 1
    assert "error: the Whisper model 'echo-tests/nowhere' could not be downloaded" in pulled.stdout
    # Remembered like a job's failed download: jobs go to pocketsphinx without waiting on it.
    memory = DownloadMemory(tmp_path / "data", remember_seconds=3600)
    assert memory.recent_failure("echo-tests/nowhere") is not None
