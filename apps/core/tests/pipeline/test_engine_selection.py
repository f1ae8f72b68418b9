"""Which engines the settings choose, and the offline fallbacks when the preferred one can't."""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from echo_core.config import Settings
from echo_core.pipeline.asr.faster_whisper_engine import to_segment
from echo_core.pipeline.asr.openai_engine import OpenAITranscriptionEngine
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.asr.select import build_speech_engine
from echo_core.pipeline.text.engine import TextEngineSetupError
from echo_core.pipeline.text.select import build_text_engine
from echo_core.pipeline.transcript import Segment, Word
from tests.fake_llm_server import (
    FakeLlmServer,
    chat_reply,
    error_reply,
    good_answer,
    ollama_reply,
    running_fake_llm_server,
    sample_text_request,
)


@pytest.fixture
def server() -> Iterator[FakeLlmServer]:
    with running_fake_llm_server() as fake:
        yield fake


# Nothing listens on port 9 (discard), so no Ollama of the machine running the tests is found.
NO_OLLAMA = "http://127.0.0.1:9"


def settings_with(tmp_path: Path, **values: Any) -> Settings:
    # No .env file and no ECHO_* variables of the machine running the tests leak in.
    return Settings(_env_file=None, data_dir=tmp_path, **{"ollama_url": NO_OLLAMA, **values})


@pytest.fixture(autouse=True)
def no_echo_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.startswith("ECHO_")]:
        monkeypatch.delenv(name)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "local"),
        ({"openai_api_key": "sk-test"}, "openai:gpt-4.1-mini"),
        ({"openai_base_url": "http://localhost:8080/v1"}, "openai:gpt-4.1-mini"),
        ({"gemini_api_key": "gemini-key"}, "gemini:gemini-2.5-flash"),
        ({"openai_api_key": "sk-test", "gemini_api_key": "gemini-key"}, "openai:gpt-4.1-mini"),
        ({"text_engine": "local", "openai_api_key": "sk-test"}, "local"),
        ({"text_engine": "openai"}, "openai:gpt-4.1-mini"),
        ({"text_engine": "gemini", "gemini_api_key": "gemini-key"}, "gemini:gemini-2.5-flash"),
        ({"text_engine": "ollama", "ollama_model": "qwen3:4b"}, "ollama:qwen3:4b"),
    ],
)
async def test_text_engine_choice(tmp_path: Path, values: dict[str, Any], expected: str) -> None:
    assert (await build_text_engine(settings_with(tmp_path, **values))).name == expected


async def test_gemini_named_without_a_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TextEngineSetupError, match="ECHO_GEMINI_API_KEY is not set"):
        await build_text_engine(settings_with(tmp_path, text_engine="gemini"))


async def test_auto_finds_a_local_ollama_and_uses_its_first_model(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    server.models = ["llama3.2:3b", "qwen3:4b"]
    server.script(ollama_reply(json.dumps(good_answer())))
    settings = settings_with(tmp_path, ollama_url=server.base_url)

    generated = await (await build_text_engine(settings)).generate_with_provenance(
        sample_text_request()
    )

    assert generated.engine == "ollama:llama3.2:3b"
    assert generated.fallback_reason is None
    assert [request.path for request in server.requests] == ["/api/tags", "/api/chat"]


async def test_auto_uses_the_configured_ollama_model(server: FakeLlmServer, tmp_path: Path) -> None:
    server.models = ["llama3.2:3b", "qwen3:4b"]
    settings = settings_with(tmp_path, ollama_url=server.base_url, ollama_model="qwen3:4b")

    assert (await build_text_engine(settings)).name == "ollama:qwen3:4b"


async def test_auto_prefers_a_key_to_ollama(server: FakeLlmServer, tmp_path: Path) -> None:
    server.models = ["llama3.2:3b"]
    settings = settings_with(tmp_path, ollama_url=server.base_url, gemini_api_key="gemini-key")

    assert (await build_text_engine(settings)).name == "gemini:gemini-2.5-flash"
    assert server.requests == []


async def test_auto_skips_an_ollama_without_models(server: FakeLlmServer, tmp_path: Path) -> None:
    server.models = []

    engine = await build_text_engine(settings_with(tmp_path, ollama_url=server.base_url))

    assert engine.name == "local"


async def test_the_llm_answer_is_used_and_says_so(server: FakeLlmServer, tmp_path: Path) -> None:
    server.script(chat_reply(json.dumps(good_answer())))
    settings = settings_with(tmp_path, openai_base_url=f"{server.base_url}/v1")

    generated = await (await build_text_engine(settings)).generate_with_provenance(
        sample_text_request()
    )

    assert generated.engine == "openai:gpt-4.1-mini"
    assert generated.fallback_reason is None
    assert generated.result.titles[0] == "How Sourdough Really Works"


async def test_an_llm_that_keeps_answering_badly_hands_over_to_the_local_engine(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    server.script(*[chat_reply("Sure! Here are some titles: ...")] * 3)
    settings = settings_with(
        tmp_path, text_engine="openai", openai_base_url=f"{server.base_url}/v1", llm_max_retries=2
    )

    generated = await (await build_text_engine(settings)).generate_with_provenance(
        sample_text_request()
    )

    assert len(server.requests) == 3
    assert generated.engine == "local"
    assert generated.fallback_reason is not None
    assert generated.fallback_reason.startswith("openai:gpt-4.1-mini gave no usable answer")
    assert "not valid JSON" in generated.fallback_reason
    assert len(generated.result.titles) >= 5


async def test_a_failing_llm_server_hands_over_to_the_local_engine(
    server: FakeLlmServer, tmp_path: Path
) -> None:
    server.script(error_reply(500, "The server had an error processing your request."))
    settings = settings_with(
        tmp_path,
        openai_api_key="sk-test",
        openai_base_url=f"{server.base_url}/v1",
        llm_max_retries=0,
    )

    generated = await (await build_text_engine(settings)).generate_with_provenance(
        sample_text_request()
    )

    assert generated.engine == "local"
    assert generated.fallback_reason is not None
    assert "HTTP 500 from the chat server" in generated.fallback_reason


def test_auto_speech_uses_pocketsphinx_when_faster_whisper_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Offline, and a model no cache holds: faster-whisper cannot run, and nothing is
    # downloaded.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    settings = settings_with(
        tmp_path, whisper_model="echo-tests/no-such-model", whisper_download_timeout_seconds=10
    )

    choice = build_speech_engine(settings)

    assert isinstance(choice.engine, PocketsphinxEngine)
    assert choice.reason == (
        "the Whisper model 'echo-tests/no-such-model' is not on disk and HF_HUB_OFFLINE is set"
    )


def test_named_speech_engines(tmp_path: Path) -> None:
    pocketsphinx = build_speech_engine(settings_with(tmp_path, asr_engine="pocketsphinx"))
    openai = build_speech_engine(
        settings_with(tmp_path, asr_engine="openai", openai_transcription_model="whisper-large-v3")
    )

    assert isinstance(pocketsphinx.engine, PocketsphinxEngine)
    assert isinstance(openai.engine, OpenAITranscriptionEngine)
    assert openai.engine.name == "openai:whisper-large-v3"


@dataclass
class WhisperWordLike:
    word: str
    start: float
    end: float


@dataclass
class WhisperSegmentLike:
    start: float
    end: float
    text: str
    words: list[WhisperWordLike] | None


def test_faster_whisper_segments_become_transcript_segments() -> None:
    # faster-whisper's words carry the leading space of Whisper's tokens.
    raw = WhisperSegmentLike(
        1.0,
        2.5,
        " Hello world.",
        [WhisperWordLike(" Hello", 1.0, 1.4), WhisperWordLike(" world.", 1.5, 2.4)],
    )

    assert to_segment(raw) == Segment(
        1.0, 2.5, "Hello world.", (Word("Hello", 1.0, 1.4), Word("world.", 1.5, 2.4))
    )
    assert to_segment(WhisperSegmentLike(0.0, 1.0, " ...", None)).words == ()
