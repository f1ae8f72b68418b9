from dataclasses import dataclass

from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.chapters import find_chapters
from echo_core.pipeline.stages.context import StageContext, StageResult
from echo_core.pipeline.stages.saved_chapter import SavedChapter
from echo_core.pipeline.stages.transcript_input import saved_duration, saved_transcript


@dataclass(frozen=True)
class ChaptersOutput:
    chapters: tuple[SavedChapter, ...]

    def save_to(self, metadata: VideoMetadata) -> None:
        metadata.chapters = [chapter.to_json() for chapter in self.chapters]


async def run_chapters(context: StageContext) -> StageResult:
    drafts = find_chapters(saved_transcript(context.metadata), saved_duration(context.metadata))
    chapters = tuple(
        SavedChapter(start_seconds=round(draft.start_seconds, 2), title=draft.title)
        for draft in drafts
    )
    return StageResult(
        detail=f"{len(chapters)} chapters" if chapters else "Too short or too little speech",
        output=ChaptersOutput(chapters),
    )
