"""The LLM text engines against a local server that speaks the OpenAI, Gemini and Ollama
protocols, and refuses requests that do not ask for structured output."""

import json
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from echo_core.pipeline.text.engine import (
    ChapterDraft,
    TextEngineSetupError,
    TextGenerationError,
)
from echo_core.pipeline.text.gemini_engine import GeminiTextEngine
from echo_core.pipeline.text.llm_schema import (
    AnswerRejectedError,
    build_prompt,
    description_budget_bytes,
    parse_answer,
)
from echo_core.pipeline.text.ollama_engine import OllamaTextEngine
from echo_core.pipeline.text.openai_engine import OpenAIChatTextEngine
from echo_core.pipeline.text.select import FallbackTextEngine
from tests.fake_llm_server import (
    FakeLlmServer,
    ScriptedReply,
    chat_reply,
    error_reply,
    gemini_reply,
    good_answer,
    ollama_reply,
    running_fake_llm_server,
    sample_text_request,
)

GOOD = json.dumps(good_answer())


@pytest.fixture
def server() -> Iterator[FakeLlmServer]:
    with running_fake_llm_server() as fake:
        yield fake


def openai_engine(
    server: FakeLlmServer,
    api_key: str | None = "sk-test",
    max_retries: int = 2,
    timeout_seconds: float = 10.0,
) -> OpenAIChatTextEngine:
    return OpenAIChatTextEngine(
        base_url=f"{server.base_url}/v1",
        model="gpt-test",
        api_key=api_key,
        timeout_seconds=timeout_seconds,
        max_retries=max_retries,
        retry_delay_seconds=0,
    )


def gemini_engine(server: FakeLlmServer) -> GeminiTextEngine:
    return GeminiTextEngine(
        api_key="gemini-key", model="gemini-test", base_url=server.base_url, retry_delay_seconds=0
    )


def over_limit_titles() -> str:
    answer = good_answer()
    answer["titles"][0] = "A" * 150
    return json.dumps(answer)


async def test_openai_engine_parses_a_valid_answer(server: FakeLlmServer) -> None:
    server.script(chat_reply(GOOD))

    result = await openai_engine(server).generate(sample_text_request())

    assert result.titles[0] == "How Sourdough Really Works"
    assert len(result.titles) == 5
    assert result.tags == ("sourdough", "bread baking", "starter", "wild yeast")
    assert result.chapter_titles == ("Step 1", "Step 2", "Step 3")
    assert result.show_notes.startswith("A walk through sourdough baking.")


async def test_openai_engine_sends_what_the_chat_api_expects(server: FakeLlmServer) -> None:
    server.script(chat_reply(GOOD))

    await openai_engine(server).generate(sample_text_request())

    [sent] = server.requests
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert sent.headers["content-type"] == "application/json"
    assert sent.json["model"] == "gpt-test"
    response_format = sent.json["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert set(schema["required"]) == {
        "titles",
        "description",
        "tags",
        "show_notes",
        "chapter_titles",
    }
    assert schema["additionalProperties"] is False
    # One chapter title per chapter of the request, no more, no fewer.
    assert schema["properties"]["chapter_titles"]["minItems"] == 3
    assert schema["properties"]["chapter_titles"]["maxItems"] == 3
    system, user = sent.json["messages"]
    assert system["role"] == "system"
    assert "JSON" in system["content"]
    assert user["role"] == "user"
    assert "we shape the dough into a tight round loaf" in user["content"]
    assert "2. 0:30 Part 2" in user["content"]
    assert "at most 100 characters" in user["content"]


async def test_openai_engine_sends_no_key_to_a_server_that_needs_none(
    server: FakeLlmServer,
) -> None:
    server.script(chat_reply(GOOD))

    await openai_engine(server, api_key=None).generate(sample_text_request())

    assert "authorization" not in server.requests[0].headers


async def test_bad_answers_are_retried_with_the_problem_explained(server: FakeLlmServer) -> None:
    server.script(
        chat_reply('{"titles": ["unfinished'),
        chat_reply(over_limit_titles()),
        error_reply(500, "The server had an error while processing your request."),
        chat_reply(GOOD),
    )

    result = await openai_engine(server, max_retries=3).generate(sample_text_request())

    assert result.titles[0] == "How Sourdough Really Works"
    assert len(server.requests) == 4
    after_malformed = server.requests[1].json["messages"]
    assert [message["role"] for message in after_malformed] == [
        "system",
        "user",
        "assistant",
        "user",
    ]
    assert after_malformed[2]["content"] == '{"titles": ["unfinished'
    assert "not valid JSON" in after_malformed[3]["content"]
    after_over_limit = server.requests[2].json["messages"]
    assert (
        "titles[0]: Title must be at most 100 characters (it has 150)"
        in (after_over_limit[3]["content"])
    )


async def test_an_engine_gives_up_after_its_retries(server: FakeLlmServer) -> None:
    server.script(*[error_reply(503, "overloaded")] * 3)

    with pytest.raises(TextGenerationError) as raised:
        await openai_engine(server, max_retries=2).generate(sample_text_request())

    assert len(server.requests) == 3
    assert "gave no usable answer in 3 attempts" in str(raised.value)
    assert f"HTTP 503 from the chat server at {server.base_url}/v1: overloaded" in str(raised.value)


async def test_a_wrong_key_is_reported_at_once(server: FakeLlmServer) -> None:
    server.script(error_reply(401, "Incorrect API key provided: sk-test."))

    with pytest.raises(TextGenerationError) as raised:
        await openai_engine(server, max_retries=2).generate(sample_text_request())

    assert len(server.requests) == 1
    assert "HTTP 401 from the chat server" in str(raised.value)
    assert "Incorrect API key provided" in str(raised.value)


async def test_a_server_that_does_not_answer_in_time(server: FakeLlmServer) -> None:
    server.script(ScriptedReply(body={}, delay_seconds=1.5), chat_reply(GOOD))

    result = await openai_engine(server, timeout_seconds=0.3, max_retries=1).generate(
        sample_text_request()
    )

    assert result.titles[0] == "How Sourdough Really Works"
    assert len(server.requests) == 2


async def test_an_unreachable_server_is_named_in_the_error() -> None:
    engine = OpenAIChatTextEngine(
        base_url="http://127.0.0.1:9/v1", model="gpt-test", max_retries=0, retry_delay_seconds=0
    )

    with pytest.raises(TextGenerationError) as raised:
        await engine.generate(sample_text_request())

    assert "Could not reach the chat server at http://127.0.0.1:9/v1" in str(raised.value)


async def test_gemini_engine_sends_what_generate_content_expects(server: FakeLlmServer) -> None:
    server.script(gemini_reply(GOOD))

    result = await gemini_engine(server).generate(sample_text_request())

    assert result.chapter_titles == ("Step 1", "Step 2", "Step 3")
    [sent] = server.requests
    assert sent.path == "/v1beta/models/gemini-test:generateContent"
    assert sent.headers["x-goog-api-key"] == "gemini-key"
    assert "authorization" not in sent.headers
    config = sent.json["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseJsonSchema"]["properties"]["chapter_titles"]["maxItems"] == 3
    assert config["responseJsonSchema"]["properties"]["titles"]["minItems"] == 5
    assert "JSON" in sent.json["systemInstruction"]["parts"][0]["text"]
    [content] = sent.json["contents"]
    assert content["role"] == "user"
    assert "cast iron pot" in content["parts"][0]["text"]


async def test_gemini_engine_retries_an_over_limit_answer(server: FakeLlmServer) -> None:
    too_many_tags = good_answer()
    too_many_tags["tags"] = [f"tag number {index}" for index in range(60)]
    server.script(gemini_reply(json.dumps(too_many_tags)), gemini_reply(GOOD))

    result = await gemini_engine(server).generate(sample_text_request())

    assert result.tags == ("sourdough", "bread baking", "starter", "wild yeast")
    retry = server.requests[1].json["contents"]
    assert [content["role"] for content in retry] == ["user", "model", "user"]
    assert "Tags must be at most 500 characters" in retry[2]["parts"][0]["text"]


async def test_gemini_block_without_candidates_is_not_retried(server: FakeLlmServer) -> None:
    server.script(ScriptedReply(body={"promptFeedback": {"blockReason": "SAFETY"}}))

    with pytest.raises(TextGenerationError) as raised:
        await gemini_engine(server).generate(sample_text_request())

    assert "Gemini blocked the request (SAFETY)" in str(raised.value)
    assert len(server.requests) == 1


def ollama_engine(server: FakeLlmServer, model: str = "llama3.2:3b") -> OllamaTextEngine:
    return OllamaTextEngine(base_url=server.base_url, model=model, retry_delay_seconds=0)


async def test_ollama_engine_asks_api_chat_for_the_schema(server: FakeLlmServer) -> None:
    server.script(ollama_reply(GOOD))

    engine = ollama_engine(server)
    result = await engine.generate(sample_text_request())

    assert engine.name == "ollama:llama3.2:3b"
    assert result.titles[0] == "How Sourdough Really Works"
    [sent] = server.requests
    assert sent.path == "/api/chat"
    assert "authorization" not in sent.headers
    assert sent.json["model"] == "llama3.2:3b"
    assert sent.json["stream"] is False
    assert sent.json["format"]["properties"]["chapter_titles"]["minItems"] == 3
    assert [message["role"] for message in sent.json["messages"]] == ["system", "user"]


async def test_ollama_engine_retries_a_bad_answer_in_the_conversation(
    server: FakeLlmServer,
) -> None:
    server.script(ollama_reply("not json"), ollama_reply(GOOD))

    result = await ollama_engine(server).generate(sample_text_request())

    assert result.chapter_titles == ("Step 1", "Step 2", "Step 3")
    retry = server.requests[1].json["messages"]
    assert [message["role"] for message in retry] == ["system", "user", "assistant", "user"]
    assert "not valid JSON" in retry[3]["content"]


@pytest.mark.parametrize("kind", ["openai", "gemini", "ollama"])
async def test_a_model_that_does_not_exist_is_a_setup_error_not_a_fallback(
    server: FakeLlmServer, kind: str
) -> None:
    server.models = ["a-model-that-exists"]
    engines = {
        "openai": (openai_engine(server), "gpt-test", "ECHO_OPENAI_CHAT_MODEL"),
        "gemini": (gemini_engine(server), "gemini-test", "ECHO_GEMINI_MODEL"),
        "ollama": (ollama_engine(server, "llama9"), "llama9", "ECHO_OLLAMA_MODEL"),
    }
    engine, model, setting = engines[kind]
    fallback = FallbackTextEngine(engine, fallback=_NeverUsedEngine())

    with pytest.raises(TextEngineSetupError) as raised:
        await fallback.generate_with_provenance(sample_text_request())

    message = str(raised.value)
    assert f'The model "{model}" does not exist' in message
    assert "Settings page" in message and setting in message
    assert len(server.requests) == 1


class _NeverUsedEngine:
    name = "never"

    async def generate(self, request: object) -> object:
        raise AssertionError("a missing model must not fall back to another engine")


async def test_retry_after_is_waited_out(server: FakeLlmServer) -> None:
    busy = error_reply(429, "Rate limit reached.")
    server.script(replace(busy, headers={"Retry-After": "1"}), chat_reply(GOOD))

    result = await openai_engine(server).generate(sample_text_request())

    assert result.titles[0] == "How Sourdough Really Works"
    first, second = server.requests
    # retry_delay_seconds is 0: only the server's Retry-After made the engine wait.
    assert second.received_at - first.received_at >= 1.0


async def test_a_retry_after_longer_than_the_timeout_is_not_waited_for(
    server: FakeLlmServer,
) -> None:
    busy = error_reply(503, "Try again later.")
    server.script(replace(busy, headers={"Retry-After": "3600"}))

    with pytest.raises(TextGenerationError) as raised:
        await openai_engine(server, timeout_seconds=5).generate(sample_text_request())

    assert len(server.requests) == 1
    assert "asks to wait 3600 s" in str(raised.value)


async def test_the_fake_server_refuses_a_request_without_a_schema(server: FakeLlmServer) -> None:
    # The strictness the engine tests rely on: a plain JSON-mode request is refused.
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{server.base_url}/v1/chat/completions",
            json={
                "model": "gpt-test",
                "messages": [{"role": "user", "content": "hi"}],
                "response_format": {"type": "json_object"},
            },
        )

    assert response.status_code == 400
    assert "json_schema" in response.json()["error"]["message"]


def test_an_answer_must_name_every_chapter() -> None:
    answer = good_answer(chapter_count=2)

    with pytest.raises(AnswerRejectedError, match="exactly 3 titles"):
        parse_answer(json.dumps(answer), chapter_count=3)


def test_an_answer_must_leave_room_for_the_chapter_list() -> None:
    answer = good_answer()
    answer["description"] = "é" * (description_budget_bytes(3) // 2 + 1)

    with pytest.raises(AnswerRejectedError, match="leaving room for the chapter list"):
        parse_answer(json.dumps(answer), chapter_count=3)


def test_an_answer_rejects_angle_brackets_and_too_few_titles() -> None:
    answer = good_answer()
    answer["titles"] = answer["titles"][:4]
    answer["description"] = "Click <here>"

    with pytest.raises(AnswerRejectedError) as raised:
        parse_answer(json.dumps(answer), chapter_count=3)

    assert "titles: List should have at least 5 items" in str(raised.value)
    assert "description: Description must not contain < or >." in str(raised.value)


def test_an_answer_in_a_code_fence_is_accepted() -> None:
    fenced = f"```json\n{GOOD}\n```"

    assert parse_answer(fenced, chapter_count=3).titles[0] == "How Sourdough Really Works"


def test_a_long_transcript_is_shortened_keeping_every_chapter() -> None:
    request = sample_text_request()
    long_text = " ".join(f"word{index}" for index in range(20_000))
    chapters = (
        replace(request.chapters[0], text=long_text),
        *request.chapters[1:],
    )

    prompt = build_prompt(replace(request, chapters=chapters), transcript_budget_chars=2_000)

    assert "shortened" in prompt.user
    assert "word0 word1" in prompt.user
    assert "word19999" in prompt.user
    assert "word10000 " not in prompt.user
    assert "then we shape the dough into a tight round loaf" in prompt.user
    assert "finally we bake it in a very hot cast iron pot" in prompt.user
    assert len(prompt.user) < 5_000


def test_a_short_video_is_asked_for_no_chapter_titles() -> None:
    request = replace(sample_text_request(), chapters=())

    prompt = build_prompt(request)

    assert "chapter_titles must be []" in prompt.user
    assert "today we feed the sourdough starter" in prompt.user


def test_chapter_draft_titles_are_shown_to_the_model() -> None:
    request = sample_text_request()
    chapters = (ChapterDraft(0.0, 90.0, "all of it", title="Everything"),)

    prompt = build_prompt(replace(request, chapters=chapters))

    assert "1. 0:00 Everything" in prompt.user
