"""The contract with an LLM: what Echo asks for, what it accepts, and how it asks again.

Both LLM engines build the same prompt, validate the answer against the same Pydantic model
(which enforces YouTube's limits), and on a bad answer tell the model what was wrong and let
it try again. Only the HTTP shape of a request differs, so that is all an engine supplies.
"""

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

import httpx
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from echo_core.pipeline.model_server_http import is_transient, server_message
from echo_core.pipeline.text.engine import TextGenerationError, TextRequest, TextResult
from echo_core.pipeline.text.retry_after import retry_after_seconds
from echo_core.youtube_rules import (
    MAX_DESCRIPTION_BYTES,
    MAX_TAGS_CHARS,
    MAX_TITLE_CHARS,
    description_problem,
    format_timestamp,
    tags_problem,
    title_problem,
)

MIN_TITLES = 5
# About 10k tokens: room for an hour of speech in any current hosted model, and a fair
# sample of a longer one. Local models with small contexts need a smaller budget.
DEFAULT_TRANSCRIPT_BUDGET_CHARS = 40_000
# The pipeline appends the chapter list to the description; each line is a stamp
# ("1:02:03 "), a chapter title of at most MAX_TITLE_CHARS and a newline, plus a heading.
_CHAPTER_LINE_BYTES = len("1:00:00 ") + MAX_TITLE_CHARS + 1
_CHAPTER_HEADING_BYTES = 64
_OMITTED = " [...] "


def description_budget_bytes(chapter_count: int) -> int:
    """How long the description body may be so the chapter list still fits under the limit."""
    reserve = chapter_count * _CHAPTER_LINE_BYTES + _CHAPTER_HEADING_BYTES if chapter_count else 0
    return MAX_DESCRIPTION_BYTES - reserve


def _obeying(rule: Callable[[Any], str | None]) -> Callable[[Any], Any]:
    """Turn a youtube_rules check into a Pydantic validator that rejects what it objects to."""

    def check(value: Any) -> Any:
        problem = rule(value)
        if problem:
            raise ValueError(problem)
        return value

    return check


Title = Annotated[str, AfterValidator(_obeying(title_problem))]


class LlmTextAnswer(BaseModel):
    """The JSON object an LLM must answer with."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    titles: list[Title] = Field(min_length=MIN_TITLES)
    description: Annotated[str, Field(min_length=1), AfterValidator(_obeying(description_problem))]
    tags: Annotated[list[str], Field(min_length=1), AfterValidator(_obeying(tags_problem))]
    show_notes: Annotated[str, Field(min_length=1), AfterValidator(_obeying(description_problem))]
    chapter_titles: list[Title]

    @model_validator(mode="after")
    def _fits_the_request(self, info: ValidationInfo) -> Self:
        chapter_count: int = (info.context or {}).get("chapter_count", len(self.chapter_titles))
        if len({title.casefold() for title in self.titles}) < len(self.titles):
            raise ValueError("titles must all be different.")
        if len(self.chapter_titles) != chapter_count:
            raise ValueError(
                f"chapter_titles must hold exactly {chapter_count} titles, one per chapter "
                f"(it has {len(self.chapter_titles)})."
            )
        budget = description_budget_bytes(chapter_count)
        size = len(self.description.encode("utf-8"))
        if size > budget:
            raise ValueError(
                f"description must be at most {budget} bytes, leaving room for the chapter "
                f"list (it has {size})."
            )
        return self

    def to_result(self) -> TextResult:
        return TextResult(
            titles=tuple(self.titles),
            description=self.description,
            tags=tuple(self.tags),
            show_notes=self.show_notes,
            chapter_titles=tuple(self.chapter_titles),
        )


def answer_json_schema(chapter_count: int) -> dict[str, Any]:
    """LlmTextAnswer's shape as a JSON Schema, sent with every request as structured output.

    Only what every server's structured-output mode accepts (OpenAI's strict mode wants each
    property required and no others); the limits a schema cannot say (characters, bytes,
    angle brackets) are in the prompt and checked by LlmTextAnswer when the answer arrives.
    """
    text: dict[str, Any] = {"type": "string"}
    return {
        "type": "object",
        "properties": {
            "titles": {"type": "array", "items": text, "minItems": MIN_TITLES},
            "description": text,
            "tags": {"type": "array", "items": text, "minItems": 1},
            "show_notes": text,
            "chapter_titles": {
                "type": "array",
                "items": text,
                "minItems": chapter_count,
                "maxItems": chapter_count,
            },
        },
        "required": ["titles", "description", "tags", "show_notes", "chapter_titles"],
        "additionalProperties": False,
    }


class AnswerRejectedError(Exception):
    """The model answered, but not with something Echo can use; the message says why."""


def parse_answer(text: str, chapter_count: int) -> LlmTextAnswer:
    try:
        data = json.loads(_without_code_fence(text))
    except json.JSONDecodeError as error:
        raise AnswerRejectedError(
            f"The answer is not valid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno})."
        ) from error
    if not isinstance(data, dict):
        raise AnswerRejectedError("The answer must be one JSON object.")
    try:
        return LlmTextAnswer.model_validate(data, context={"chapter_count": chapter_count})
    except ValidationError as error:
        raise AnswerRejectedError(_describe(error)) from error


def _without_code_fence(text: str) -> str:
    # Some models (and most local ones) wrap JSON in ```json fences even in JSON mode.
    stripped = text.strip()
    if stripped.startswith("```") and stripped.endswith("```"):
        stripped = stripped.removeprefix("```").removesuffix("```")
        stripped = stripped.removeprefix("json")
    return stripped


def _describe(error: ValidationError) -> str:
    """One line per problem, addressed the way the model wrote it (titles[5], description)."""
    lines = []
    for problem in error.errors():
        path = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem["loc"]
        ).lstrip(".")
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: {message}" if path else message)
    return "\n".join(lines)


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str


SYSTEM_PROMPT = (
    "You write YouTube metadata (titles, description, tags, show notes and chapter titles) "
    "from a video's transcript. Stay faithful to what is said: invent no facts, links, "
    "names or sponsors. Write in the language the video is spoken in. You always answer "
    "with a single JSON object and nothing else."
)


def build_prompt(
    request: TextRequest, transcript_budget_chars: int = DEFAULT_TRANSCRIPT_BUDGET_CHARS
) -> Prompt:
    chapter_count = len(request.chapters)
    transcript, shortened = _fitted_transcript(request, transcript_budget_chars)
    transcript_heading = (
        "Transcript (shortened; [...] marks left-out speech)" if shortened else "Transcript"
    )
    language = request.transcript.language or "unknown (use the transcript's language)"
    chapters = (
        "\n".join(
            f"{index}. {format_timestamp(chapter.start_seconds)} {chapter.title}"
            for index, chapter in enumerate(request.chapters, start=1)
        )
        or "(none: the video is too short for chapters, so chapter_titles must be [])"
    )
    user = f"""Write YouTube metadata for this video.

File name: {request.filename}
Duration: {format_timestamp(request.duration_seconds)}
Spoken language: {language}

Chapters (start time and a provisional title):
{chapters}

{transcript_heading}:
{transcript}

Answer with one JSON object with exactly these keys:
{{
  "titles": ["5 to 8 different title suggestions, best first"],
  "description": "the video's description",
  "tags": ["10 to 20 search tags"],
  "show_notes": "a short summary paragraph, then the key points as lines starting with - ",
  "chapter_titles": ["one short title per chapter above, in the same order"]
}}

Rules:
- Each title and each chapter title: at most {MAX_TITLE_CHARS} characters, no < or >.
- description: at most {description_budget_bytes(chapter_count)} bytes of UTF-8, no < or >, \
no chapter list or timestamps (Echo appends the chapter list).
- tags: at most {MAX_TAGS_CHARS} characters in all when joined with commas; no <, > or \
commas inside a tag.
- show_notes: at most {MAX_DESCRIPTION_BYTES} bytes of UTF-8, no < or >.
- chapter_titles: exactly {chapter_count} entries.
- Answer with the JSON object only: no code fences, no comments, no text around it."""
    return Prompt(system=SYSTEM_PROMPT, user=user)


def correction_prompt(problem: str) -> str:
    return (
        f"Your answer could not be used:\n{problem}\n"
        "Answer again with the complete, corrected JSON object only."
    )


def _fitted_transcript(request: TextRequest, budget: int) -> tuple[str, bool]:
    """The transcript, one timed section per chapter, shortened to the budget if needed.

    Each chapter gets a fair share of the budget (short ones give their spare share to the
    long ones), and a shortened section keeps its beginning and its end, so every part of
    the video is still represented.
    """
    if request.chapters:
        sections = [(chapter.start_seconds, chapter.text.strip()) for chapter in request.chapters]
    else:
        sections = [(0.0, request.transcript.text)]
    if not any(text for _, text in sections):
        return "(no speech was recognised; work from the file name)", False
    shares = _fair_shares([len(text) for _, text in sections], budget)
    lines = [
        f"[{format_timestamp(start)}] {_shortened(text, share)}"
        for (start, text), share in zip(sections, shares, strict=True)
    ]
    return "\n".join(lines), sum(shares) < sum(len(text) for _, text in sections)


def _fair_shares(lengths: Sequence[int], budget: int) -> list[int]:
    shares = [0] * len(lengths)
    remaining = budget
    by_length = sorted(range(len(lengths)), key=lambda index: lengths[index])
    for position, index in enumerate(by_length):
        shares[index] = min(lengths[index], remaining // (len(lengths) - position))
        remaining -= shares[index]
    return shares


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = max((limit - len(_OMITTED)) // 2, 0)
    head = text[:half].rsplit(" ", 1)[0] if " " in text[:half] else text[:half]
    tail = text[len(text) - half :].split(" ", 1)[-1] if half else ""
    return f"{head}{_OMITTED}{tail}".strip()


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    text: str


class LlmRequestFailedError(Exception):
    """The request itself failed (network, HTTP status, response shape); see `retryable`."""

    def __init__(
        self,
        message: str,
        retryable: bool,
        status: int | None = None,
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status  # the HTTP status, when the server answered with an error
        self.retry_after_seconds = retry_after_seconds  # the server's Retry-After, if any


# An engine's way of sending the system prompt and the conversation so far to its model
# and getting back the text of the model's reply.
Complete = Callable[[str, Sequence[Turn]], Awaitable[str]]


async def generate_validated(
    complete: Complete,
    request: TextRequest,
    *,
    engine_name: str,
    max_retries: int,
    retry_delay_seconds: float,
    longest_wait_seconds: float,
) -> TextResult:
    """Ask until the answer validates, at most `max_retries` more times, then give up.

    A server's Retry-After is waited out, unless it is longer than `longest_wait_seconds`:
    then the engine gives up at once rather than hold the job for an hour.
    """
    prompt = build_prompt(request)
    first_turn = Turn("user", prompt.user)
    turns = [first_turn]
    problem = ""
    for attempt in range(max_retries + 1):
        try:
            answer = await complete(prompt.system, turns)
        except LlmRequestFailedError as error:
            if not error.retryable:
                raise TextGenerationError(f"{engine_name}: {error}") from error
            problem = str(error)
            wait = error.retry_after_seconds
            if wait is not None and wait > longest_wait_seconds:
                raise TextGenerationError(
                    f"{engine_name}: {error} The server asks to wait {wait:g} s, longer than "
                    f"the {longest_wait_seconds:g} s an answer may take."
                ) from error
            if attempt < max_retries:
                # Overloaded or rate-limited servers recover with time, not a quick retry.
                await asyncio.sleep(wait if wait is not None else retry_delay_seconds * 2**attempt)
            continue
        try:
            return parse_answer(answer, len(request.chapters)).to_result()
        except AnswerRejectedError as rejection:
            problem = str(rejection)
            # Only the latest bad answer is shown, so the conversation stays small.
            turns = [
                first_turn,
                Turn("assistant", answer),
                Turn("user", correction_prompt(problem)),
            ]
    raise TextGenerationError(
        f"{engine_name} gave no usable answer in {max_retries + 1} attempts. "
        f"Last problem: {problem}"
    )


async def post_json(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], body: dict[str, Any], service: str
) -> Any:
    """POST a JSON body and return the decoded JSON reply, or raise LlmRequestFailedError."""
    try:
        response = await client.post(url, json=body, headers=headers)
    except httpx.TimeoutException as error:
        raise LlmRequestFailedError(
            f"No answer from {service} within {client.timeout.read:g} seconds.", retryable=True
        ) from error
    except httpx.HTTPError as error:
        raise LlmRequestFailedError(
            f"Could not reach {service}: {error}", retryable=True
        ) from error
    if response.is_error:
        raise LlmRequestFailedError(
            f"HTTP {response.status_code} from {service}: {server_message(response)}",
            retryable=is_transient(response.status_code),
            status=response.status_code,
            retry_after_seconds=retry_after_seconds(response),
        )
    try:
        return response.json()
    except ValueError as error:
        raise LlmRequestFailedError(
            f"The reply from {service} is not JSON.", retryable=True
        ) from error
