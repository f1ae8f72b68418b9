from dataclasses import dataclass

from echo_core.models.edited_field import EditedField
from echo_core.models.processing_stage import StageStatus
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.chapters import find_chapters
from echo_core.pipeline.stages.context import StageContext, StageResult
from echo_core.pipeline.stages.saved_chapter import SavedChapter
from echo_core.pipeline.stages.transcript_input import saved_duration, saved_transcript


@dataclass(frozen=True)
class ChaptersOutput:
    chapters: tuple[SavedChapter, ...]

    def save_to(self, metadata: VideoMetadata) -> None:
        if metadata.is_edited(EditedField.CHAPTERS):
            return
        metadata.chapters = [chapter.to_json() for chapter in self.chapters]


async def run_chapters(context: StageContext) -> StageResult:
    if context.metadata.is_edited(EditedField.CHAPTERS):
        return StageResult(detail="Kept the creator's chapters", status=StageStatus.SKIPPED)
    drafts = find_chapters(saved_transcript(context.metadata), saved_duration(context.metadata))
    chapters = tuple(
        SavedChapter(start_seconds=round(draft.start_seconds, 2), title=draft.title)
        for draft in drafts
    )
    return StageResult(
        detail=f"{len(chapters)} chapters" if chapters else "Too short or too little speech",
        output=ChaptersOutput(chapters),
    )
