"""A real HTTP server on 127.0.0.1 that speaks OpenAI's and Gemini's protocols.

Each test scripts the replies (good answers, broken JSON, HTTP errors, slow answers) and
afterwards reads what the engines actually sent: path, headers and body. The sample request
and the good answer the tests script live here too, so every engine test uses the same ones.
"""

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from echo_core.pipeline.text.engine import ChapterDraft, TextRequest
from echo_core.pipeline.transcript import Segment, Transcript, Word


@dataclass(frozen=True)
class ScriptedReply:
    status: int = 200
    body: Any = None
    delay_seconds: float = 0.0


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    json: Any = None
    form: dict[str, list[str]] = field(default_factory=dict)
    file: bytes | None = None


class FakeLlmServer:
    def __init__(self) -> None:
        self.base_url = ""
        self.requests: list[ReceivedRequest] = []
        self._replies: list[ScriptedReply] = []
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._json_route, methods=["POST"]),
                Route("/v1beta/models/{model}:generateContent", self._json_route, methods=["POST"]),
                Route("/v1/audio/transcriptions", self._multipart_route, methods=["POST"]),
            ]
        )

    def script(self, *replies: ScriptedReply) -> None:
        """Answer the next requests with these replies, in order."""
        self._replies.extend(replies)

    async def _json_route(self, request: Request) -> JSONResponse:
        self.requests.append(
            ReceivedRequest(request.url.path, dict(request.headers), json=await request.json())
        )
        return await self._next_reply()

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
        if not self._replies:
            return JSONResponse({"error": {"message": "no reply scripted"}}, status_code=599)
        reply = self._replies.pop(0)
        await asyncio.sleep(reply.delay_seconds)
        return JSONResponse(reply.body, status_code=reply.status)


@contextmanager
def running_fake_llm_server() -> Iterator[FakeLlmServer]:
    fake = FakeLlmServer()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    fake.base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(fake.app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the fake LLM server did not start")
        time.sleep(0.01)
    try:
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


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
