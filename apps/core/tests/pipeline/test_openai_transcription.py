"""The OpenAI-compatible transcription engine against a local server speaking that API."""

import io
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.openai_engine import OpenAITranscriptionEngine
from echo_core.pipeline.progress import ignore_progress
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT
from tests.fake_llm_server import (
    FakeLlmServer,
    ScriptedReply,
    error_reply,
    running_fake_llm_server,
    transcription_reply,
)

RATE = 16000


@pytest.fixture
def server() -> Iterator[FakeLlmServer]:
    with running_fake_llm_server() as fake:
        yield fake


def write_wav(path: Path, pieces: list[tuple[float, bool]]) -> Path:
    """A 16 kHz mono WAV of (seconds, loud?) pieces: a 440 Hz tone or near-silence."""
    chunks = []
    for seconds, loud in pieces:
        t = np.arange(int(seconds * RATE)) / RATE
        amplitude = 8000 if loud else 20
        chunks.append((amplitude * np.sin(2 * np.pi * 440 * t)).astype("<i2"))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.concatenate(chunks).tobytes() if chunks else b"")
    return path


def wav_seconds(data: bytes | None) -> float:
    assert data is not None
    with wave.open(io.BytesIO(data), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def engine_for(
    server: FakeLlmServer, max_chunk_seconds: float = 600.0
) -> OpenAITranscriptionEngine:
    return OpenAITranscriptionEngine(
        base_url=f"{server.base_url}/v1",
        model="whisper-1",
        api_key="sk-test",
        retry_delay_seconds=0,
        max_chunk_seconds=max_chunk_seconds,
    )


def test_a_short_file_is_one_request_shaped_as_openai_expects(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    audio = write_wav(tmp_path / "audio.wav", [(3.0, True)])
    server.script(
        transcription_reply(
            "Hello there. General Kenobi.",
            segments=[(0.0, 1.0, "Hello there."), (1.5, 2.8, "General Kenobi.")],
            # "um" falls in the pause between the segments; it belongs to the first one.
            words=[
                ("Hello", 0.0, 0.4),
                ("there.", 0.5, 0.9),
                ("um", 1.1, 1.3),
                ("General", 1.5, 2.0),
                ("Kenobi.", 2.1, 2.8),
            ],
        )
    )

    transcript = engine_for(server).transcribe(audio, ignore_progress)

    [sent] = server.requests
    assert sent.path == "/v1/audio/transcriptions"
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert sent.form == {
        "model": ["whisper-1"],
        "response_format": ["verbose_json"],
        "timestamp_granularities[]": ["word", "segment"],
    }
    assert wav_seconds(sent.file) == 3.0
    assert transcript.language == "en"
    assert [segment.text for segment in transcript.segments] == [
        "Hello there.",
        "General Kenobi.",
    ]
    assert [word.word for word in transcript.segments[0].words] == ["Hello", "there.", "um"]
    assert [word.word for word in transcript.segments[1].words] == ["General", "Kenobi."]


def test_long_audio_goes_in_chunks_cut_in_pauses_with_times_shifted_back(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    # Pauses at 1.7 to 1.95 s and 3.6 to 3.85 s; with 2 s chunks each cut must land in one.
    audio = write_wav(
        tmp_path / "audio.wav",
        [(1.7, True), (0.25, False), (1.65, True), (0.25, False), (1.15, True)],
    )
    server.script(
        *(
            transcription_reply(text, segments=[(0.2, 1.0, text)], words=[(text, 0.2, 1.0)])
            for text in ("One.", "Two.", "Three.")
        )
    )
    reports: list[tuple[float, str | None]] = []

    transcript = engine_for(server, max_chunk_seconds=2.0).transcribe(
        audio, lambda fraction, detail: reports.append((fraction, detail))
    )

    lengths = [wav_seconds(sent.file) for sent in server.requests]
    assert len(lengths) == 3
    assert 1.7 <= lengths[0] <= 1.95
    assert 3.6 <= lengths[0] + lengths[1] <= 3.85
    assert sum(lengths) == pytest.approx(5.0, abs=1 / RATE)
    starts = [0.0, lengths[0], lengths[0] + lengths[1]]
    assert [segment.start for segment in transcript.segments] == pytest.approx(
        [start + 0.2 for start in starts]
    )
    assert [segment.words[0].end for segment in transcript.segments] == pytest.approx(
        [start + 1.0 for start in starts]
    )
    assert transcript.text == "One.\nTwo.\nThree."  # a line per sentence
    # Later chunks keep the first chunk's language and carry the text before the cut.
    assert "language" not in server.requests[0].form
    assert server.requests[1].form["language"] == ["en"]
    assert server.requests[2].form["prompt"] == ["One. Two."]
    assert [fraction for fraction, _ in reports][-1] == 1.0
    assert reports[-1][1] == "0:05 of 0:05"


def test_a_rejected_request_becomes_a_clear_transcription_error(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    audio = write_wav(tmp_path / "audio.wav", [(1.0, True)])
    server.script(error_reply(400, "Invalid file format. Supported formats: ['flac', 'wav']"))

    with pytest.raises(TranscriptionError) as raised:
        engine_for(server).transcribe(audio, ignore_progress)

    assert len(server.requests) == 1
    assert str(raised.value).startswith(
        f"HTTP 400 from the transcription server at {server.base_url}/v1: Invalid file format."
    )


def test_server_trouble_is_retried(server: FakeLlmServer, tmp_path: Path) -> None:
    audio = write_wav(tmp_path / "audio.wav", [(1.0, True)])
    server.script(
        error_reply(502, "Bad gateway"),
        transcription_reply("Hi.", segments=[(0.0, 0.5, "Hi.")], words=[("Hi.", 0.0, 0.5)]),
    )

    transcript = engine_for(server).transcribe(audio, ignore_progress)

    assert transcript.text == "Hi."
    assert len(server.requests) == 2


def test_a_reply_that_is_not_verbose_json_is_reported(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    audio = write_wav(tmp_path / "audio.wav", [(1.0, True)])
    server.script(ScriptedReply(body={"segments": [{"start": 0.0, "text": "no end"}]}))

    with pytest.raises(TranscriptionError, match="not the verbose_json Echo asked for"):
        engine_for(server).transcribe(audio, ignore_progress)


def test_empty_audio_needs_no_request(server: FakeLlmServer, tmp_path: Path) -> None:
    audio = write_wav(tmp_path / "audio.wav", [])

    assert engine_for(server).transcribe(audio, ignore_progress) == EMPTY_TRANSCRIPT
    assert server.requests == []


def test_an_unreadable_file_is_reported(server: FakeLlmServer, tmp_path: Path) -> None:
    not_audio = tmp_path / "audio.wav"
    not_audio.write_bytes(b"this is not a wav file")

    with pytest.raises(TranscriptionError, match="cannot be read"):
        engine_for(server).transcribe(not_audio, ignore_progress)
