"""The description and show notes as people see them: the stored text followed by the chapter
lines, generated from the one chapter list. The API, the downloads and `echo-core process`
all show them through these functions, so they always agree with the chapters."""

from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.text.fitting import compose_description, compose_show_notes


def chapter_pairs(metadata: VideoMetadata) -> list[tuple[float, str]]:
    return [
        (float(chapter["start_seconds"]), str(chapter["title"]))
        for chapter in metadata.chapters or []
    ]


def shown_description(metadata: VideoMetadata) -> str | None:
    if metadata.description is None:
        return None
    return compose_description(metadata.description, chapter_pairs(metadata))


def shown_show_notes(metadata: VideoMetadata) -> str | None:
    if metadata.show_notes_text is None:
        return None
    return compose_show_notes(metadata.show_notes_text, chapter_pairs(metadata))
