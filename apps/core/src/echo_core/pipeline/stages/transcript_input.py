"""Earlier stages' outputs, read back from the saved metadata."""

from typing import Any

from echo_core.pipeline.transcript import Transcript


def saved_transcript(metadata: dict[str, Any]) -> Transcript:
    return Transcript.from_json(metadata.get("language"), metadata.get("transcript_segments") or [])


def saved_duration(metadata: dict[str, Any]) -> float:
    return float(metadata.get("extracted_video_duration_seconds") or 0.0)
