"""A Hub that accepts the connection and stays silent, or dribbles its answer a byte at a
time: the model download gives up within its configured time, the job falls back to
pocketsphinx and says why, and `echo-core models pull` reports the failure."""

import subprocess
import time
import uuid
from pathlib import Path

import pytest

from echo_core.config import Settings
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.context import StageContext
from echo_core.pipeline.stages.transcribe_stage import run_transcribe
from echo_core.storage.local import LocalStorage
from tests.cli_runs import clean_env, run_cli
from tests.silent_server import (
    SilentServer,
    running_dribbling_server,
    running_silent_server,
)
from tests.speech_media import FLITE

TIMEOUT_SECONDS = 2
# Timed from the Hub's first connection, so that starting processes and importing
# libraries (slow on a busy machine) do not count: huggingface_hub tries a request that
# timed out once more (2 x 2 s and a 1 s pause), and a download child that reports nothing
# for the timeout and 5 s is ended; then the process ends. With the default timeout (20 s)
# instead of the configured one it would take 25 s or more.
GIVES_UP_WITHIN = 15


@pytest.fixture(scope="module")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reading = tmp_path_factory.mktemp("silent-hub") / "audio.wav"
    command = [FLITE, "-voice", "slt", "-t", "the garden needs water", "-o", str(reading)]
    subprocess.run(command, check=True)
    return reading


HUBS = {"silent": running_silent_server, "dribbling": running_dribbling_server}


@pytest.mark.parametrize("hub_kind", list(HUBS))
async def test_the_job_falls_back_to_pocketsphinx_in_bounded_time_and_says_why(
    tmp_path: Path, spoken_wav: Path, monkeypatch: pytest.MonkeyPatch, hub_kind: str
) -> None:
    repository = f"echo-tests/silent-{uuid.uuid4().hex[:12]}"
    monkeypatch.delenv("HF_HUB_OFFLINE")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        whisper_model=repository,
        whisper_download_timeout_seconds=TIMEOUT_SECONDS,
        asr_threads=1,
    )
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    (work_dir / "audio.wav").write_bytes(spoken_wav.read_bytes())
    details: list[str] = []
    context = StageContext(
        job_id="job",
        video_key="unused",
        filename="garden.mp4",
        settings=settings,
        storage=LocalStorage(tmp_path / "storage"),
        work_dir=work_dir,
        metadata=VideoMetadata(job_id="job"),
        progress=lambda _fraction, detail: details.append(detail) if detail else None,
    )

    hub: SilentServer  # or a DribblingServer, which is one
    with HUBS[hub_kind]() as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        result = await run_transcribe(context)
        ended = time.monotonic()

    assert hub.first_connection_at is not None  # it was asked, and never answered
    assert ended - hub.first_connection_at < GIVES_UP_WITHIN + 10  # and pocketsphinx ran
    assert result.engines == {"transcript": "pocketsphinx"}
    assert details[0] == "Looking up the speech model"
    assert details[1].startswith("pocketsphinx: the Whisper model could not be downloaded (")
    assert "the Whisper model could not be downloaded" in result.detail


@pytest.mark.parametrize("hub_kind", list(HUBS))
def test_models_pull_gives_up_in_bounded_time_and_says_so(tmp_path: Path, hub_kind: str) -> None:
    repository = f"echo-tests/silent-{uuid.uuid4().hex[:12]}"
    hub: SilentServer  # or a DribblingServer, which is one
    with HUBS[hub_kind]() as hub:
        env = clean_env(
            ECHO_DATA_DIR=str(tmp_path / "data"),
            ECHO_WHISPER_DOWNLOAD_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS),
            HF_ENDPOINT=hub.url,
        )
        env.pop("HF_HUB_OFFLINE", None)
        pulled = run_cli("models", "pull", repository, cwd=tmp_path, env=env, timeout=120)
        ended = time.monotonic()

    assert hub.first_connection_at is not None
    assert ended - hub.first_connection_at < GIVES_UP_WITHIN
    assert pulled.returncode == 1
    assert pulled.stdout.startswith(
        f"error: the Whisper model {repository!r} could not be downloaded: "
    )
