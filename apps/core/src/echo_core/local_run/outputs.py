"""The files a local run leaves in its output directory, made from the stages' output.

Every file is written even when it is empty (a silent video has no chapters), so scripts
can rely on the set of files. `export.json` holds everything, with the API's field names;
where the API gives a file's URL, it gives the file's path in the output directory.
"""

import asyncio
import json
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from echo_core.exports import youtube_text
from echo_core.local_run.stage_runner import LocalRun
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.shown_texts import shown_description, shown_show_notes
from echo_core.storage.job_keys import thumbnail_key
from echo_core.youtube_rules import format_timestamp

# Columns that describe the row rather than the video, and the stored references that the
# export replaces with paths.
_NOT_EXPORTED = {
    "id",
    "job_id",
    "created_at",
    "updated_at",
    "subtitle_file_keys",
    "thumbnail_index",
    "version",
    "transcript_version",
    "edited_fields",
    "original_transcript_segments",
}


def _subtitles_path(extension: str) -> str:
    return f"subtitles.{extension}"


def _thumbnail_path(index: int) -> str:
    return f"thumbnails/{index}.jpg"


async def write_outputs(run: LocalRun, source: Path, directory: Path) -> None:
    metadata = run.metadata
    for extension, key in (metadata.subtitle_file_keys or {}).items():
        await run.storage.download_to(key, directory / _subtitles_path(extension))
    (directory / "thumbnails").mkdir()
    for candidate in metadata.thumbnail_candidates or []:
        index = candidate["index"]
        await run.storage.download_to(
            thumbnail_key(run.job_id, index), directory / _thumbnail_path(index)
        )
    texts = _texts(run, await asyncio.to_thread(_source_facts, source))
    await asyncio.to_thread(_write_texts, directory, texts)


def _exported_metadata(metadata: VideoMetadata, engines: dict[str, str]) -> dict[str, Any]:
    exported = {
        column.key: getattr(metadata, column.key)
        for column in inspect(VideoMetadata).column_attrs
        if column.key not in _NOT_EXPORTED
    }
    index = metadata.thumbnail_index
    return {
        **exported,
        # As the API shows them: the texts followed by the chapter lines.
        "description": shown_description(metadata),
        "show_notes_text": shown_show_notes(metadata),
        "subtitle_files_urls": {
            extension: _subtitles_path(extension) for extension in metadata.subtitle_file_keys or {}
        },
        "thumbnail_file_url": None if index is None else _thumbnail_path(index),
        "thumbnail_candidates": [
            {**candidate, "url": _thumbnail_path(candidate["index"])}
            for candidate in metadata.thumbnail_candidates or []
        ],
        "engines": engines,
    }


def _texts(run: LocalRun, source_facts: dict[str, Any]) -> dict[str, str]:
    metadata = run.metadata
    tags: list[str] = metadata.tags or []
    chapters: list[dict[str, Any]] = metadata.chapters or []
    export = {
        "source": source_facts,
        "stages": [
            {"name": stage.name, "detail": stage.detail, "seconds": stage.seconds}
            for stage in run.stages
        ],
        "metadata": _exported_metadata(metadata, run.engines),
    }
    return {
        "transcript.txt": _text_file(metadata.transcript_text),
        "chapters.txt": "".join(
            f"{format_timestamp(chapter['start_seconds'])} {chapter['title']}\n"
            for chapter in chapters
        ),
        "titles.txt": "".join(f"{title}\n" for title in metadata.title_suggestions or []),
        "description.txt": _text_file(shown_description(metadata)),
        # Comma-separated, as YouTube Studio's tags box takes them when pasted.
        "tags.txt": _text_file(", ".join(tags)),
        "show_notes.md": _text_file(shown_show_notes(metadata)),
        "youtube.txt": youtube_text(metadata.title, shown_description(metadata), tags),
        "export.json": json.dumps(export, indent=2, ensure_ascii=False) + "\n",
    }


def _text_file(text: str | None) -> str:
    return text.rstrip("\n") + "\n" if text else ""


def _source_facts(source: Path) -> dict[str, Any]:
    return {"filename": source.name, "size_bytes": source.stat().st_size}


def _write_texts(directory: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
