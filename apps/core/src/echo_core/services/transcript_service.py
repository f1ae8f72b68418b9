"""The creator's edits of a video's transcript, and everything that follows from them.

`TranscriptService.save_transcript` is the one place a transcript the creator changed (an
edit, or a restore of the recognizer's) is saved: it stores the segments and their text,
writes the subtitle files again and carries corrected words into the show notes. Anything
else that must follow the transcript belongs there.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import transaction
from echo_core.errors import InvalidInputError, NotFoundError, StaleVersionError
from echo_core.models.edited_field import EditedField
from echo_core.models.video_metadata import VideoMetadata
from echo_core.operations.video_metadata_repository import VideoMetadataRepository
from echo_core.operations.video_repository import VideoRepository
from echo_core.pipeline.retiming import EditedSegment, retimed, segment_ids
from echo_core.pipeline.stages.transcript_input import saved_duration, saved_transcript
from echo_core.pipeline.subtitles import build_cues, to_srt, to_webvtt
from echo_core.pipeline.text.corrections import apply_corrections, corrected_words
from echo_core.pipeline.transcript import Transcript
from echo_core.services.editable_video import (
    EditableVideo,
    editable_metadata,
    latest_metadata,
)
from echo_core.storage.base import Storage
from echo_core.storage.job_keys import edited_subtitles_key
from echo_core.youtube_rules import format_timestamp

# A stored end may pass the probed duration by a rounding of the recognizer's timestamps.
_END_TOLERANCE_SECONDS = 0.1
NO_ORIGINAL = "The transcript has not been edited: there is no original to restore."


@dataclass(frozen=True)
class SegmentEdit:
    id: str | None  # None for a new segment
    start: float
    end: float
    text: str


class TranscriptService:
    def __init__(self, session: AsyncSession, storage: Storage) -> None:
        self._session = session
        self._storage = storage
        self._videos = VideoRepository(session)
        self._metadata = VideoMetadataRepository(session)

    async def get(self, owner_id: str, video_id: str) -> VideoMetadata:
        return (await latest_metadata(self._videos, owner_id, video_id)).metadata

    async def edit(
        self, owner_id: str, video_id: str, version: int, segments: Sequence[SegmentEdit]
    ) -> VideoMetadata:
        """Replace the transcript's segments. Words whose text did not change keep their
        timings exactly; the others are timed inside their segment (pipeline/retiming.py)."""
        editable = await editable_metadata(self._videos, owner_id, video_id)
        metadata = editable.metadata
        current = saved_transcript(metadata)
        edited = _checked(segments, segment_ids(current), saved_duration(metadata))
        await self._next_version(metadata, version)
        if not metadata.is_edited(EditedField.TRANSCRIPT):
            metadata.original_transcript_segments = metadata.transcript_segments
            metadata.mark_edited(EditedField.TRANSCRIPT)
        transcript = Transcript(current.language, retimed(current.words, edited))
        await self.save_transcript(editable, current, transcript)
        return await self._metadata.save(metadata)

    async def restore_original(self, owner_id: str, video_id: str, version: int) -> VideoMetadata:
        """Put the recognizer's transcript back (the latest job's: after a reprocess that
        kept an edited transcript, the new one), undoing every edit."""
        editable = await editable_metadata(self._videos, owner_id, video_id)
        metadata = editable.metadata
        if metadata.original_transcript_segments is None:
            raise NotFoundError(NO_ORIGINAL)
        await self._next_version(metadata, version)
        current = saved_transcript(metadata)
        original = Transcript.from_json(metadata.language, metadata.original_transcript_segments)
        metadata.original_transcript_segments = None
        metadata.edited_fields = [
            field for field in metadata.edited_fields or [] if field != EditedField.TRANSCRIPT
        ]
        await self.save_transcript(editable, current, original)
        return await self._metadata.save(metadata)

    async def save_transcript(
        self, editable: EditableVideo, before: Transcript, transcript: Transcript
    ) -> None:
        """Save a transcript the creator changed, and everything that follows it at once:
        its text (transcript.txt, export.json), the subtitle files, the show notes."""
        metadata = editable.metadata
        metadata.transcript_segments = transcript.to_json()
        metadata.transcript_text = transcript.text
        if metadata.show_notes_text is not None:
            corrections = corrected_words(before, transcript)
            metadata.show_notes_text = apply_corrections(metadata.show_notes_text, corrections)
        await self._write_subtitles(editable, transcript)

    async def _write_subtitles(self, editable: EditableVideo, transcript: Transcript) -> None:
        """New files under new keys, switched to with the row: a failed commit leaves the
        old files in use, and the old ones go only once the new row has landed."""
        metadata = editable.metadata
        cues = build_cues(transcript, saved_duration(metadata))
        token = uuid.uuid4().hex[:8]
        written = {
            "srt": (edited_subtitles_key(editable.job.id, token, "srt"), to_srt(cues)),
            "vtt": (edited_subtitles_key(editable.job.id, token, "vtt"), to_webvtt(cues)),
        }
        new_keys = {extension: key for extension, (key, _) in written.items()}
        old_keys = list((metadata.subtitle_file_keys or {}).values())

        async def remove(keys: list[str]) -> None:
            for key in keys:
                await self._storage.delete(key)

        transaction.after_rollback(self._session, lambda: remove(list(new_keys.values())))
        for key, text in written.values():
            await self._storage.put_bytes(key, text.encode())
        metadata.subtitle_file_keys = new_keys
        transaction.after_commit(self._session, lambda: remove(old_keys))

    async def _next_version(self, metadata: VideoMetadata, expected: int) -> None:
        if await self._metadata.next_version(metadata, "transcript_version", expected) is None:
            current = await self._metadata.current_version(metadata, "transcript_version")
            raise StaleVersionError("transcript", current)


def _checked(
    segments: Sequence[SegmentEdit], known_ids: Sequence[str], duration: float
) -> list[EditedSegment]:
    """The segments as the retiming takes them, or a 422 naming the first bad one."""
    known = set(known_ids)
    seen: set[str] = set()
    checked: list[EditedSegment] = []
    previous_end = 0.0
    for index, segment in enumerate(segments):
        field = f"segments.{index}"
        name = f"Line {index + 1} ({format_timestamp(segment.start)})"
        if not segment.text.strip():
            raise InvalidInputError(f"{name} has no text: delete the line instead.", field)
        if segment.end <= segment.start:
            raise InvalidInputError(f"{name} must end after it starts.", field)
        if segment.start < previous_end:
            raise InvalidInputError(
                f"{name} starts before the line above ends: lines must be in order and "
                "must not overlap.",
                field,
            )
        if duration and segment.end > duration + _END_TOLERANCE_SECONDS:
            raise InvalidInputError(
                f"{name} ends after the video does ({format_timestamp(duration)}).", field
            )
        if segment.id is not None and (segment.id not in known or segment.id in seen):
            raise InvalidInputError(
                f"{name} has an id that is not one of this transcript's lines (or is used "
                "twice); send null for a new line.",
                field,
            )
        segment_id = segment.id or uuid.uuid4().hex[:12]
        seen.add(segment_id)
        checked.append(EditedSegment(segment_id, segment.start, segment.end, segment.text))
        previous_end = segment.end
    return checked
