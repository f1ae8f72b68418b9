"""A real HTTP server on 127.0.0.1 that speaks OpenAI's, Gemini's and Ollama's protocols.

Each test scripts the replies (good answers, broken JSON, HTTP errors, slow answers) and
afterwards reads what the engines actually sent: path, headers and body. Like the real
servers, it refuses a chat request that does not ask for structured output the way its
protocol says (400, before any scripted reply is used), and answers 404 for a model it does
not serve when `models` is set. The sample request and the good answer the tests script live
here too, so every engine test uses the same ones.

`python -m tests.fake_llm_server PORT` runs it on its own (for the browser tests), answering
every well-formed chat request with `{"reply": "ready"}`.
"""

import asyncio
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from echo_core.pipeline.text.engine import ChapterDraft, TextRequest
from echo_core.pipeline.transcript import Segment, Transcript, Word
from tests.thread_server import asgi_app_on_a_thread


@dataclass(frozen=True)
class ScriptedReply:
    status: int = 200
    body: Any = None
    delay_seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    json: Any = None
    form: dict[str, list[str]] = field(default_factory=dict)
    file: bytes | None = None
    received_at: float = field(default_factory=time.monotonic)


class FakeLlmServer:
    def __init__(self) -> None:
        self.base_url = ""
        self.requests: list[ReceivedRequest] = []
        # The models the server has; None serves any model asked for.
        self.models: list[str] | None = None
        # What answers a well-formed request when nothing is scripted (the standalone server).
        self.default_reply: ScriptedReply | None = None
        self._replies: list[ScriptedReply] = []
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._openai_chat, methods=["POST"]),
                Route("/v1beta/models/{model}:generateContent", self._gemini, methods=["POST"]),
                Route("/api/chat", self._ollama_chat, methods=["POST"]),
                Route("/api/tags", self._ollama_tags, methods=["GET"]),
                Route("/v1/audio/transcriptions", self._multipart_route, methods=["POST"]),
            ]
        )

    def script(self, *replies: ScriptedReply) -> None:
        """Answer the next requests with these replies, in order."""
        self._replies.extend(replies)

    async def _openai_chat(self, request: Request) -> JSONResponse:
        return await self._chat(request, _openai_shape_problem, lambda body: body.get("model"))

    async def _gemini(self, request: Request) -> JSONResponse:
        return await self._chat(
            request, _gemini_shape_problem, lambda _body: request.path_params["model"]
        )

    async def _ollama_chat(self, request: Request) -> JSONResponse:
        return await self._chat(request, _ollama_shape_problem, lambda body: body.get("model"))

    async def _chat(
        self,
        request: Request,
        shape_problem: Callable[[Any], str | None],
        model_of: Callable[[Any], Any],
    ) -> JSONResponse:
        body = await request.json()
        self.requests.append(ReceivedRequest(request.url.path, dict(request.headers), json=body))
        problem = shape_problem(body)
        if problem:
            return JSONResponse({"error": {"message": problem, "code": 400}}, status_code=400)
        model = model_of(body)
        if self.models is not None and model not in self.models:
            message = f"The model `{model}` does not exist or you do not have access to it."
            return JSONResponse({"error": {"message": message, "code": 404}}, status_code=404)
        return await self._next_reply()

    async def _ollama_tags(self, request: Request) -> JSONResponse:
        self.requests.append(ReceivedRequest(request.url.path, dict(request.headers)))
        names = self.models or []
        return JSONResponse({"models": [{"name": name, "model": name} for name in names]})

    async def _multipart_route(self, request: Request) -> JSONResponse:
        async with request.form() as form:
            upload = form.get("file")
            self.requests.append(
                ReceivedRequest(
                    request.url.path,
                    dict(request.headers),
                    form={
                        key: [str(value) for value in form.getlist(key)]
                        for key in form
                        if key != "file"
                    },
                    file=await upload.read() if isinstance(upload, UploadFile) else None,
                )
            )
        return await self._next_reply()

    async def _next_reply(self) -> JSONResponse:
        if self._replies:
            reply = self._replies.pop(0)
        elif self.default_reply is not None:
            reply = self.default_reply
        else:
            return JSONResponse({"error": {"message": "no reply scripted"}}, status_code=599)
        await asyncio.sleep(reply.delay_seconds)
        return JSONResponse(reply.body, status_code=reply.status, headers=reply.headers)


def _schema_problem(schema: Any, where: str) -> str | None:
    """A structured-output request must carry a JSON Schema of an object with properties."""
    if not isinstance(schema, dict) or schema.get("type") != "object":
        return f"{where} must be a JSON Schema of type object."
    if not isinstance(schema.get("properties"), dict) or not schema["properties"]:
        return f"{where} must list the answer's properties."
    return None


def _messages_problem(body: dict[str, Any]) -> str | None:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "messages must be a non-empty list."
    for message in messages:
        if not isinstance(message, dict) or not isinstance(message.get("content"), str):
            return "each message needs a role and a text content."
        if message.get("role") not in ("system", "user", "assistant"):
            return f"unknown role {message.get('role')!r}."
    return None


def _openai_shape_problem(body: Any) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        return "model is required."
    format_ = body.get("response_format")
    if not isinstance(format_, dict) or format_.get("type") != "json_schema":
        return "response_format must be of type json_schema."
    json_schema = format_.get("json_schema")
    if not isinstance(json_schema, dict) or not isinstance(json_schema.get("name"), str):
        return "response_format.json_schema needs a name."
    return _messages_problem(body) or _schema_problem(
        json_schema.get("schema"), "response_format.json_schema.schema"
    )


def _gemini_shape_problem(body: Any) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("contents"), list):
        return "contents is required."
    config = body.get("generationConfig")
    if not isinstance(config, dict) or config.get("responseMimeType") != "application/json":
        return "generationConfig.responseMimeType must be application/json."
    return _schema_problem(config.get("responseJsonSchema"), "generationConfig.responseJsonSchema")


def _ollama_shape_problem(body: Any) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        return "model is required."
    if body.get("stream") is not False:
        return "stream must be false for one JSON answer."
    return _messages_problem(body) or _schema_problem(body.get("format"), "format")


@contextmanager
def running_fake_llm_server(port: int = 0) -> Iterator[FakeLlmServer]:
    fake = FakeLlmServer()
    with asgi_app_on_a_thread("the fake LLM server", fake.app, port) as base_url:
        fake.base_url = base_url
        yield fake


def chat_reply(content: str) -> ScriptedReply:
    """An OpenAI chat completion whose message content is `content`."""
    return ScriptedReply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1700000000,
            "model": "test-model",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }
    )


def ollama_reply(content: str, model: str = "llama3.2:3b") -> ScriptedReply:
    """An Ollama /api/chat answer (not streamed) whose message content is `content`."""
    return ScriptedReply(
        body={
            "model": model,
            "created_at": "2026-01-01T00:00:00Z",
            "message": {"role": "assistant", "content": content},
            "done": True,
            "done_reason": "stop",
        }
    )


def gemini_reply(text: str) -> ScriptedReply:
    """A Gemini generateContent response whose first candidate's text is `text`."""
    return ScriptedReply(
        body={
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": text}]},
                    "finishReason": "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 10},
            "modelVersion": "gemini-test",
        }
    )


def error_reply(status: int, message: str) -> ScriptedReply:
    """An error as OpenAI and Gemini both send it: the explanation under error.message."""
    return ScriptedReply(status=status, body={"error": {"message": message, "code": status}})


def transcription_reply(
    text: str,
    segments: list[tuple[float, float, str]],
    words: list[tuple[str, float, float]],
    language: str = "english",
) -> ScriptedReply:
    """OpenAI's verbose_json transcription with segment and word timestamps."""
    return ScriptedReply(
        body={
            "task": "transcribe",
            "language": language,
            "duration": max((end for _, end, _ in segments), default=0.0),
            "text": text,
            "segments": [
                {
                    "id": index,
                    "seek": 0,
                    "start": start,
                    "end": end,
                    "text": f" {segment_text}",
                    "tokens": [],
                    "temperature": 0.0,
                    "avg_logprob": -0.2,
                    "compression_ratio": 1.2,
                    "no_speech_prob": 0.01,
                }
                for index, (start, end, segment_text) in enumerate(segments)
            ],
            "words": [{"word": word, "start": start, "end": end} for word, start, end in words],
        }
    )


def good_answer(chapter_count: int = 3) -> dict[str, Any]:
    """What a well-behaved LLM answers for a request with `chapter_count` chapters."""
    return {
        "titles": [
            "How Sourdough Really Works",
            "Sourdough Starter, Explained",
            "Bake Better Bread With Wild Yeast",
            "The Science of a Sourdough Loaf",
            "From Starter to Crust in One Day",
        ],
        "description": "We feed a starter, shape a loaf and bake it in a hot pot.",
        "tags": ["sourdough", "bread baking", "starter", "wild yeast"],
        "show_notes": "A walk through sourdough baking.\n- Feed the starter\n- Bake hot",
        "chapter_titles": [f"Step {index}" for index in range(1, chapter_count + 1)],
    }


def sample_text_request() -> TextRequest:
    """A 90-second video in three chapters, as the metadata stage would describe it."""
    lines = [
        (0.0, "today we feed the sourdough starter with flour and water"),
        (30.0, "then we shape the dough into a tight round loaf"),
        (60.0, "finally we bake it in a very hot cast iron pot"),
    ]
    segments = tuple(
        Segment(start, start + 25.0, text, _evenly_timed_words(text, start, start + 25.0))
        for start, text in lines
    )
    return TextRequest(
        transcript=Transcript(language="en", segments=segments),
        chapters=tuple(
            ChapterDraft(start, start + 30.0, text, title=f"Part {index}")
            for index, (start, text) in enumerate(lines, start=1)
        ),
        duration_seconds=90.0,
        filename="sourdough",
    )


def _evenly_timed_words(text: str, start: float, end: float) -> tuple[Word, ...]:
    words = text.split()
    step = (end - start) / len(words)
    return tuple(
        Word(word, start + index * step, start + (index + 1) * step)
        for index, word in enumerate(words)
    )


def main() -> None:
    """Serve on the port given until stopped; every well-formed chat request gets a reply."""
    with running_fake_llm_server(int(sys.argv[1])) as fake:
        fake.default_reply = chat_reply(json.dumps({"reply": "ready"}))
        print(f"fake LLM server on {fake.base_url}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
