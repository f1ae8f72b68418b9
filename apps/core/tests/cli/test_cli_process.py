"""`echo-core process`: the whole pipeline on a local file, run as a real command."""

import io
import json
import os
import re
import select
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import srt
import webvtt

from echo_core.local_run.progress_display import PlainProgress
from tests.cli_runs import COMMAND, clean_env, run_cli
from tests.media import make_video
from tests.speech_media import SpeechVideo, speech_video

STAGES = ("probe", "extract_audio", "transcribe", "subtitles", "chapters", "metadata", "thumbnails")
FINISHED_LINE = re.compile(r"^\[(\d)/7\] (\w+): done in \d+\.\d s: .+$")
PROGRESS_LINE = re.compile(r"^\[(\d)/7\] (\w+): \d{1,3}%(, .+)?$")
CHAPTER_LINE = re.compile(r"^(\d+:)?\d{1,2}:\d{2} \S.*$")


@pytest.fixture(scope="session")
def spoken_mp4(media_dir: Path) -> SpeechVideo:
    return speech_video(media_dir / "speech")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    # Scratch files go to a temporary directory the test can inspect afterwards.
    (tmp_path / "tmp").mkdir()
    return clean_env(ECHO_DATA_DIR=str(tmp_path / "data"), TMPDIR=str(tmp_path / "tmp"))


def assert_nothing_left_behind(tmp_path: Path) -> None:
    assert not (tmp_path / "data").exists(), "a local run needs no data directory or database"
    assert list((tmp_path / "tmp").iterdir()) == [], "scratch files were left behind"
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".partial")]


def test_spoken_video_gives_every_output_file(
    spoken_mp4: SpeechVideo, tmp_path: Path, env: dict[str, str]
) -> None:
    out = tmp_path / "out"
    # The options win over the environment (openai here would fail without a server).
    env = {**env, "ECHO_ASR_ENGINE": "openai", "ECHO_TEXT_ENGINE": "gemini"}
    result = run_cli(
        "process",
        str(spoken_mp4.path),
        "--out",
        str(out),
        "--asr-engine",
        "pocketsphinx",
        "--text-engine",
        "local",
        cwd=tmp_path,
        env=env,
    )

    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    export: dict[str, Any] = json.loads((out / "export.json").read_text())
    metadata = export["metadata"]
    assert metadata["engines"] == {"transcript": "pocketsphinx", "text": "local"}
    assert [stage["name"] for stage in export["stages"]] == list(STAGES)
    assert export["source"] == {
        "filename": "speech.mp4",
        "size_bytes": spoken_mp4.path.stat().st_size,
    }
    assert metadata["extracted_video_resolution"] == "160x120"
    assert metadata["fps"] == 10
    assert abs(metadata["extracted_video_duration_seconds"] - spoken_mp4.duration_seconds) < 0.5
    words = [word for segment in metadata["transcript_segments"] for word in segment["words"]]
    assert len(words) > 150 and all(word["start"] <= word["end"] for word in words)
    assert "pasta" in metadata["transcript_text"] and "bicycle" in metadata["transcript_text"]
    assert len(metadata["chapters"]) >= 3

    cues = list(srt.parse((out / "subtitles.srt").read_text()))
    assert len(cues) >= 10
    assert len(webvtt.read(str(out / "subtitles.vtt"))) == len(cues)
    assert metadata["subtitle_files_urls"] == {"srt": "subtitles.srt", "vtt": "subtitles.vtt"}

    assert (out / "transcript.txt").read_text().strip() == metadata["transcript_text"]
    chapter_lines = (out / "chapters.txt").read_text().splitlines()
    assert len(chapter_lines) == len(metadata["chapters"])
    assert chapter_lines[0].startswith("0:00 ")
    assert all(CHAPTER_LINE.match(line) for line in chapter_lines), chapter_lines
    assert (out / "titles.txt").read_text().splitlines() == metadata["title_suggestions"]
    assert (out / "description.txt").read_text().strip() == metadata["description"].strip()
    assert (out / "tags.txt").read_text().strip() == ", ".join(metadata["tags"])
    assert (out / "show_notes.md").read_text().strip() == metadata["show_notes_text"].strip()
    youtube = (out / "youtube.txt").read_text()
    assert metadata["title"] in youtube and "\n".join(chapter_lines) in youtube

    candidates = metadata["thumbnail_candidates"]
    assert len(candidates) >= 3
    for candidate in candidates:
        assert candidate["url"] == f"thumbnails/{candidate['index']}.jpg"
        assert (out / candidate["url"]).read_bytes()[:2] == b"\xff\xd8"
    assert sorted(path.name for path in (out / "thumbnails").iterdir()) == sorted(
        Path(candidate["url"]).name for candidate in candidates
    )

    # Not a terminal: plain lines only, never redrawn, one per finished stage.
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    lines = result.stderr.splitlines()
    finished = [match.group(2) for line in lines if (match := FINISHED_LINE.match(line))]
    assert finished == list(STAGES)
    assert all(FINISHED_LINE.match(line) or PROGRESS_LINE.match(line) for line in lines), lines
    assert_nothing_left_behind(tmp_path)


def run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal, as in an interactive shell; return all it drew."""
    controller, terminal = os.openpty()
    process = subprocess.Popen(
        [*COMMAND, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=terminal
    )
    os.close(terminal)
    drawn = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        assert ready, "no output for two minutes"
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # Linux says EIO once the process has closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    assert process.stdout is not None
    process.stdout.read()
    return process.wait(timeout=60), drawn.decode()


def test_on_a_terminal_each_stage_has_a_bar_redrawn_in_place(
    tmp_path: Path, env: dict[str, str]
) -> None:
    video = make_video(tmp_path / "clip.mp4", seconds=3.0)
    # The engines come from the environment this time.
    env = {**env, "ECHO_ASR_ENGINE": "pocketsphinx", "ECHO_TEXT_ENGINE": "local", "TERM": "xterm"}

    code, drawn = run_in_terminal(["process", str(video)], cwd=tmp_path, env=env)

    assert code == 0, drawn
    assert "\r\x1b[K[3/7] transcribe █" in drawn or "\r\x1b[K[3/7] transcribe ░" in drawn
    for number, name in enumerate(STAGES, start=1):
        assert re.search(rf"\r\x1b\[K\[{number}/7\] {name} ✓ .+ \(\d+\.\d s\)\r?\n", drawn), name
    export = json.loads((tmp_path / "clip-echo" / "export.json").read_text())
    assert export["metadata"]["engines"] == {"transcript": "pocketsphinx", "text": "local"}


def test_a_text_file_is_refused_and_nothing_is_written(tmp_path: Path, env: dict[str, str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a video at all.\n")

    result = run_cli("process", str(notes), cwd=tmp_path, env=env)

    assert result.returncode == 2
    assert "error: " in result.stderr and "not a video" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "notes-echo").exists()
    assert_nothing_left_behind(tmp_path)


def test_a_missing_file_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    result = run_cli("process", "missing.mp4", cwd=tmp_path, env=env)

    assert result.returncode == 2
    assert "error: no such file: missing.mp4" in result.stderr
    assert not (tmp_path / "missing-echo").exists()


def test_an_output_directory_with_files_in_it_is_left_alone(
    tmp_path: Path, env: dict[str, str]
) -> None:
    video = make_video(tmp_path / "clip.mp4", seconds=1.0)
    mine = tmp_path / "clip-echo" / "mine.txt"
    mine.parent.mkdir()
    mine.write_text("my own notes")

    result = run_cli("process", str(video), cwd=tmp_path, env=env)

    assert result.returncode == 2
    assert "already exists and is not empty" in result.stderr
    assert [path.name for path in mine.parent.iterdir()] == ["mine.txt"]


def test_ctrl_c_stops_promptly_and_leaves_nothing(
    spoken_mp4: SpeechVideo, tmp_path: Path, env: dict[str, str]
) -> None:
    env = {**env, "ECHO_ASR_ENGINE": "pocketsphinx"}
    out = tmp_path / "out"
    # Its own process group, which gets the signal as a terminal's Ctrl-C would: decoder
    # processes included.
    process = subprocess.Popen(
        [*COMMAND, "process", str(spoken_mp4.path), "--out", str(out)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    seen = ""
    while "words" not in seen:  # transcription is under way
        line = process.stderr.readline()
        assert line, seen
        seen += line
    interrupted_at = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, rest = process.communicate(timeout=30)

    assert process.returncode == 130
    assert time.monotonic() - interrupted_at < 10
    # Usually mid-transcription; on a loaded machine the stage may finish first.
    assert re.search(r"\[[3-7]/7\] \w+: stopped", rest), rest
    assert f"stopped; nothing was written to {out}" in rest
    assert "Traceback" not in rest
    assert not out.exists()
    assert_nothing_left_behind(tmp_path)


def test_plain_progress_prints_at_most_once_per_interval() -> None:
    now = [0.0]
    stream = io.StringIO()
    display = PlainProgress(stream, interval_seconds=3.0, clock=lambda: now[0])
    display.stage_started(3, 7, "transcribe")
    for step in range(1, 101):
        now[0] = step * 0.1
        display.update(step / 100, f"{step} words")
    display.stage_finished("pocketsphinx: 100 words", 10.0)

    assert stream.getvalue().splitlines() == [
        "[3/7] transcribe: 30%, 30 words",
        "[3/7] transcribe: 60%, 60 words",
        "[3/7] transcribe: 90%, 90 words",
        "[3/7] transcribe: done in 10.0 s: pocketsphinx: 100 words",
    ]
