import asyncio
import shutil
from dataclasses import asdict, dataclass

from echo_core.errors import UnsupportedMediaError
from echo_core.media.limits import MediaLimits
from echo_core.models.edited_field import EditedField
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.thumbnails import extract_thumbnails
from echo_core.storage.job_keys import thumbnail_key


@dataclass(frozen=True)
class ThumbnailCandidate:
    index: int  # the frame is stored under thumbnail_key(job id, index)
    time_seconds: float
    score: float


@dataclass(frozen=True)
class ThumbnailsOutput:
    candidates: tuple[ThumbnailCandidate, ...]

    def save_to(self, metadata: VideoMetadata) -> None:
        metadata.thumbnail_candidates = [asdict(candidate) for candidate in self.candidates]
        # The creator's pick stays when this run drew the same frame index again.
        indices = {candidate.index for candidate in self.candidates}
        if metadata.is_edited(EditedField.THUMBNAIL) and metadata.thumbnail_index in indices:
            return
        best = max(self.candidates, key=lambda candidate: candidate.score, default=None)
        metadata.thumbnail_index = best.index if best else None


async def run_thumbnails(context: StageContext) -> StageResult:
    video = await context.ensure_local_video()
    out_dir = context.work_dir / "thumbnails"
    # A previous attempt may have left more frames than this one will write.
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    try:
        frames = await asyncio.to_thread(
            extract_thumbnails,
            video,
            out_dir,
            context.settings.thumbnail_count,
            MediaLimits.from_settings(context.settings),
            context.progress,
        )
    except UnsupportedMediaError as error:
        # The same frames fail the same way on a retry.
        raise StageFailedError(error.message, permanent=True) from error
    candidates: list[ThumbnailCandidate] = []
    for frame in frames:
        await context.storage.put_file(thumbnail_key(context.job_id, frame.index), frame.path)
        candidates.append(
            ThumbnailCandidate(
                index=frame.index,
                time_seconds=round(frame.time_seconds, 2),
                score=round(frame.score, 3),
            )
        )
    return StageResult(
        detail=f"{len(candidates)} candidates", output=ThumbnailsOutput(tuple(candidates))
    )
