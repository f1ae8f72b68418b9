"""A timed transcript: segments of text with word-level start and end times (seconds)."""

from dataclasses import dataclass, field
from typing import Any

from echo_core.pipeline.text.punctuation import ends_sentence, looks_punctuated


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float
    # How sure the recognizer is of the word (0 to 1), when it says: pocketsphinx does.
    confidence: float | None = None


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)
    # Given when the creator first edits the transcript, so editors can follow a line.
    id: str | None = None


@dataclass(frozen=True)
class Transcript:
    language: str | None
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The text, a line per segment; in a punctuated transcript a segment that stops
        mid-sentence (Whisper's sometimes do) runs on into the next, so lines are sentences."""
        texts = [segment.text.strip() for segment in self.segments if segment.text.strip()]
        runs_on = looks_punctuated([word for text in texts for word in text.split()])
        lines: list[str] = []
        for text in texts:
            if lines and runs_on and not ends_sentence(lines[-1]):
                lines[-1] += " " + text
            else:
                lines.append(text)
        return "\n".join(lines)

    @property
    def words(self) -> list[Word]:
        return [word for segment in self.segments for word in segment.words]

    @property
    def is_empty(self) -> bool:
        return not self.text

    def to_json(self) -> list[dict[str, Any]]:
        """The shape stored in `video_metadata.transcript_segments`."""
        return [_segment_json(segment) for segment in self.segments]

    @classmethod
    def from_json(cls, language: str | None, segments: list[dict[str, Any]]) -> "Transcript":
        return cls(
            language=language,
            segments=tuple(
                Segment(
                    start=float(item["start"]),
                    end=float(item["end"]),
                    text=str(item["text"]),
                    words=tuple(_word_from_json(word) for word in item.get("words", [])),
                    id=None if item.get("id") is None else str(item["id"]),
                )
                for item in segments
            ),
        )


def _segment_json(segment: Segment) -> dict[str, Any]:
    stored: dict[str, Any] = {
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "words": [_word_json(word) for word in segment.words],
    }
    if segment.id is not None:
        stored["id"] = segment.id
    return stored


def _word_json(word: Word) -> dict[str, Any]:
    stored: dict[str, Any] = {"word": word.word, "start": word.start, "end": word.end}
    if word.confidence is not None:
        stored["confidence"] = word.confidence
    return stored


def _word_from_json(item: dict[str, Any]) -> Word:
    confidence = item.get("confidence")
    return Word(
        str(item["word"]),
        float(item["start"]),
        float(item["end"]),
        None if confidence is None else float(confidence),
    )


EMPTY_TRANSCRIPT = Transcript(language=None, segments=())
