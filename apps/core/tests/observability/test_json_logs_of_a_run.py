"""`echo-core serve` with ECHO_LOG_FORMAT=json, from an upload to a completed job: every
line it writes is one JSON object, and the lines tell the whole story with their ids."""

import asyncio
import json
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from echo_core.config import Settings
from tests.cli_runs import COMMAND, clean_env
from tests.live_server import free_port

PASSWORD = "correct horse battery staple"
CALLER_REQUEST_ID = "upload-7f3a.run:42"


def start_serve(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`echo-core serve` as operators run it, its log lines (stderr) into `log`."""
    env = clean_env(
        ECHO_DATA_DIR=str(settings.data_dir),
        ECHO_DATABASE_URL=settings.resolved_database_url,
        ECHO_ASR_ENGINE="pocketsphinx",
        ECHO_TEXT_ENGINE="local",
        ECHO_LOG_FORMAT="json",
        ECHO_WORKER_POLL_SECONDS="0.2",
    )
    with log.open("wb") as stderr:
        return subprocess.Popen(
            [*COMMAND, "serve", "--port", str(port)],
            cwd=log.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


@pytest.fixture
async def json_logging_server(
    settings: Settings, tmp_path: Path
) -> AsyncIterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_serve(settings, port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as client, asyncio.timeout(60):
            while True:
                assert process.poll() is None, log.read_text()
                try:
                    if (await client.get("/api/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
        yield base, log
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def read_lines(log: Path) -> list[dict[str, Any]]:
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    # Every line, uvicorn's own included, must be JSON: a log shipper reads nothing else.
    return [json.loads(line) for line in lines]


async def lines_once_logged(log: Path, request_id: str) -> list[dict[str, Any]]:
    """The log's lines once the request with this id has its line: the server writes it
    after the answer has gone, so the client can be a moment ahead of the log."""
    async with asyncio.timeout(10):
        while True:
            try:
                lines = read_lines(log)
            except json.JSONDecodeError:
                # A line caught half written; it is whole a moment later.
                lines = []
            if any(line.get("request_id") == request_id for line in lines):
                return read_lines(log)
            await asyncio.sleep(0.1)


async def test_a_whole_run_is_logged_as_json_lines_with_request_and_job_ids(
    json_logging_server: tuple[str, Path], sample_mp4: Path
) -> None:
    base, log = json_logging_server
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        registered = await client.post(
            "/api/auth/register", json={"email": "creator@example.com", "password": PASSWORD}
        )
        assert registered.status_code == 201, registered.text
        token = registered.json()["access_token"]
        user_id = registered.json()["user"]["id"]
        headers = {"Authorization": f"Bearer {token}"}
        with sample_mp4.open("rb") as video:
            uploaded = await client.post(
                "/api/videos",
                headers={**headers, "X-Request-ID": CALLER_REQUEST_ID},
                files={"file": ("talk.mp4", video, "video/mp4")},
            )
        assert uploaded.status_code == 201, uploaded.text
        assert uploaded.headers["x-request-id"] == CALLER_REQUEST_ID
        video_id = uploaded.json()["video_id"]
        job_id = uploaded.json()["job_id"]
        async with asyncio.timeout(120):
            while True:
                job = await client.get(f"/api/video-processing-jobs/{job_id}", headers=headers)
                if job.json()["status"] in ("COMPLETED", "FAILED"):
                    break
                await asyncio.sleep(0.3)
        assert job.json()["status"] == "COMPLETED", job.json()["error_message"]
        polled_id = job.headers["x-request-id"]

    lines = await lines_once_logged(log, polled_id)
    requests = [line for line in lines if line["logger"] == "echo_core.request"]
    upload = next(line for line in requests if line["request_id"] == CALLER_REQUEST_ID)
    assert upload["method"] == "POST"
    assert upload["route"] == "/api/videos"
    assert upload["status"] == 201
    assert upload["user_id"] == user_id
    assert upload["client"] == "127.0.0.1"
    assert upload["duration_ms"] > 0
    # A request without an id of its own got one, and the answer carried it.
    polled = next(line for line in requests if line["request_id"] == polled_id)
    assert polled["route"] == "/api/video-processing-jobs/{job_id}"
    assert polled["path"] == f"/api/video-processing-jobs/{job_id}"
    # uvicorn's access log is off: each request is logged once, by Echo.
    assert not [line for line in lines if line["logger"] == "uvicorn.access"]
    assert len([line for line in requests if line["request_id"] == CALLER_REQUEST_ID]) == 1

    job_lines = [line for line in lines if line.get("job_id") == job_id]
    assert all(line["video_id"] == video_id for line in job_lines)
    messages = [line["message"] for line in job_lines]
    assert messages[0] == "job claimed"
    assert messages[-1] == "job completed"
    finished = {line["stage"]: line for line in job_lines if line["message"] == "stage finished"}
    assert list(finished) == [
        "probe", "extract_audio", "transcribe", "subtitles", "chapters", "metadata", "thumbnails",
    ]  # fmt: skip
    assert finished["transcribe"]["engine"] == "pocketsphinx"
    assert finished["metadata"]["engine"] == "local"
    assert finished["probe"]["engine"] == "builtin"
    assert all(line["duration_seconds"] >= 0 for line in finished.values())
    started = [line["stage"] for line in job_lines if line["message"] == "stage started"]
    assert started == list(finished)

    # Nothing secret is written: not the password, not the token.
    text = log.read_text()
    assert PASSWORD not in text
    assert token not in text
