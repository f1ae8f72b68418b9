"""The files a local run leaves in its output directory, made from the stages' output.

Every file is written even when it is empty (a silent video has no chapters), so scripts
can rely on the set of files. `export.json` holds everything, with the API's field names.
"""

import asyncio
import json
from pathlib import Path
from typing import Any

from echo_core.exports import youtube_text
from echo_core.local_run.stage_runner import LocalRun
from echo_core.storage.job_keys import subtitles_key, thumbnail_key
from echo_core.youtube_rules import format_timestamp


async def write_outputs(run: LocalRun, source: Path, directory: Path) -> None:
    for extension in ("srt", "vtt"):
        await run.storage.download_to(
            subtitles_key(run.job_id, extension), directory / f"subtitles.{extension}"
        )
    (directory / "thumbnails").mkdir()
    for candidate in run.metadata.get("thumbnail_candidates") or []:
        # The candidate's url is its path in this directory (see LocalStageContext).
        await run.storage.download_to(
            thumbnail_key(run.job_id, candidate["index"]), directory / candidate["url"]
        )
    texts = _texts(run, await asyncio.to_thread(_source_facts, source))
    await asyncio.to_thread(_write_texts, directory, texts)


def _texts(run: LocalRun, source_facts: dict[str, Any]) -> dict[str, str]:
    metadata = run.metadata
    tags: list[str] = metadata.get("tags") or []
    chapters: list[dict[str, Any]] = metadata.get("chapters") or []
    export = {
        "source": source_facts,
        "stages": [
            {"name": stage.name, "detail": stage.detail, "seconds": stage.seconds}
            for stage in run.stages
        ],
        "metadata": {**metadata, "engines": run.engines},
    }
    return {
        "transcript.txt": _text_file(metadata.get("transcript_text")),
        "chapters.txt": "".join(
            f"{format_timestamp(chapter['start_seconds'])} {chapter['title']}\n"
            for chapter in chapters
        ),
        "titles.txt": "".join(f"{title}\n" for title in metadata.get("title_suggestions") or []),
        "description.txt": _text_file(metadata.get("description")),
        # Comma-separated, as YouTube Studio's tags box takes them when pasted.
        "tags.txt": _text_file(", ".join(tags)),
        "show_notes.md": _text_file(metadata.get("show_notes_text")),
        "youtube.txt": youtube_text(metadata.get("title"), metadata.get("description"), tags),
        "export.json": json.dumps(export, indent=2, ensure_ascii=False) + "\n",
    }


def _text_file(text: str | None) -> str:
    return text.rstrip("\n") + "\n" if text else ""


def _source_facts(source: Path) -> dict[str, Any]:
    return {"filename": source.name, "size_bytes": source.stat().st_size}


def _write_texts(directory: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
