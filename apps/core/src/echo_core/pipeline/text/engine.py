"""What every text engine (offline or LLM) offers the pipeline."""

from dataclasses import dataclass
from typing import Protocol

from echo_core.pipeline.transcript import Transcript


@dataclass(frozen=True)
class ChapterDraft:
    start_seconds: float
    end_seconds: float
    text: str  # the transcript text inside the chapter
    title: str  # a provisional title from the segmenter


@dataclass(frozen=True)
class TextRequest:
    transcript: Transcript
    chapters: tuple[ChapterDraft, ...]
    duration_seconds: float
    filename: str


@dataclass(frozen=True)
class TextResult:
    titles: tuple[str, ...]  # best first; five or more unless little was said
    description: str  # the body only; the pipeline appends the chapter list
    tags: tuple[str, ...]
    show_notes: str  # summary plus key points
    chapter_titles: tuple[str, ...]  # one per requested chapter, same order


class TextGenerationError(Exception):
    """The engine gave no usable answer (unreachable, malformed, over the limits)."""


class TextEngineSetupError(Exception):
    """The engine is set up wrong (a model that does not exist, a missing key).

    Not a TextGenerationError: handing over to the offline engine would hide the mistake
    behind weaker text on every job, so the job fails with this message instead, until
    someone changes the setting it names.
    """


class TextEngine(Protocol):
    @property
    def name(self) -> str: ...

    async def generate(self, request: TextRequest) -> TextResult: ...
