"""Earlier stages' outputs, read back from the saved metadata."""

from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.saved_chapter import SavedChapter
from echo_core.pipeline.transcript import Transcript


def saved_transcript(metadata: VideoMetadata) -> Transcript:
    return Transcript.from_json(metadata.language, metadata.transcript_segments or [])


def saved_duration(metadata: VideoMetadata) -> float:
    return float(metadata.extracted_video_duration_seconds or 0.0)


def saved_chapters(metadata: VideoMetadata) -> list[SavedChapter]:
    return [SavedChapter.from_json(item) for item in metadata.chapters or []]
