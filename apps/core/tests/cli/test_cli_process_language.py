"""`echo-core process FILE --language xx`: checked as an upload's `language` field is, and
then the language of the transcript, the subtitles and export.json. Whisper is a tiny model
the test builds (tests/tiny_whisper.py); it decodes a fixed script whatever is said."""

import json
import os
import uuid
from pathlib import Path

import pytest

from tests.cli_runs import clean_env, run_cli
from tests.speech_media import SpeechVideo, speech_video
from tests.tiny_whisper import cache_tiny_whisper


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_env(ECHO_DATA_DIR=str(tmp_path / "data"), ECHO_TEXT_ENGINE="local")


def test_the_language_asked_for_is_transcribed_and_carried_into_every_file(
    spoken_mp4: SpeechVideo, tmp_path: Path, env: dict[str, str]
) -> None:
    repository = f"echo-tests/tiny-{uuid.uuid4().hex[:12]}"
    cache_tiny_whisper(Path(os.environ["HF_HUB_CACHE"]), repository, language="en")
    out = tmp_path / "out"

    result = run_cli(
        "process",
        str(spoken_mp4.path),
        "--out",
        str(out),
        "--language",
        "DE",
        cwd=tmp_path,
        env={**env, "ECHO_WHISPER_MODEL": repository},
    )

    assert result.returncode == 0, result.stderr
    export = json.loads((out / "export.json").read_text())
    # The model would detect English; German was asked for, so Whisper decoded it as German.
    assert export["metadata"]["language"] == "de"
    assert export["metadata"]["engines"]["transcript"].startswith("faster-whisper:")
    assert (out / "subtitles.vtt").read_text().startswith("WEBVTT\nLanguage: de\n\n")
    metadata_stage = next(stage for stage in export["stages"] if stage["name"] == "metadata")
    assert "this video is in German" in metadata_stage["detail"]


@pytest.mark.parametrize(
    ("language", "engine", "message"),
    [
        ("xx", "auto", "Unknown language 'xx': send 'auto' or an ISO 639-1 code"),
        ("fr", "pocketsphinx", "French cannot be transcribed: ECHO_ASR_ENGINE is pocketsphinx"),
    ],
)
def test_a_language_nothing_here_can_transcribe_is_refused_before_any_work(
    spoken_mp4: SpeechVideo,
    tmp_path: Path,
    env: dict[str, str],
    language: str,
    engine: str,
    message: str,
) -> None:
    out = tmp_path / "out"

    result = run_cli(
        "process",
        str(spoken_mp4.path),
        "--out",
        str(out),
        "--language",
        language,
        "--asr-engine",
        engine,
        cwd=tmp_path,
        env=env,
    )

    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {message}")
    assert "[1/7]" not in result.stderr  # refused before the first stage
    assert not out.exists()
