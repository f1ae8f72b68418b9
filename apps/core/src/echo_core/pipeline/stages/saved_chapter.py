"""A chapter as the pipeline saves it (`video_metadata.chapters` holds them as JSON)."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SavedChapter:
    start_seconds: float
    title: str

    def to_json(self) -> dict[str, Any]:
        return {"start_seconds": self.start_seconds, "title": self.title}

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> "SavedChapter":
        return cls(start_seconds=float(item["start_seconds"]), title=str(item["title"]))
