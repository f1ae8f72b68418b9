import asyncio
import shutil
from typing import Any

from echo_core.errors import UnsupportedMediaError
from echo_core.media.limits import MediaLimits
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.thumbnails import extract_thumbnails
from echo_core.storage.job_keys import thumbnail_key


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
    candidates: list[dict[str, Any]] = []
    for frame in frames:
        await context.storage.put_file(thumbnail_key(context.job_id, frame.index), frame.path)
        candidates.append(
            {
                "index": frame.index,
                "url": context.file_url(f"thumbnails/{frame.index}.jpg"),
                "time_seconds": round(frame.time_seconds, 2),
                "score": round(frame.score, 3),
            }
        )
    best = max(candidates, key=lambda candidate: candidate["score"], default=None)
    return StageResult(
        detail=f"{len(candidates)} candidates",
        metadata_updates={
            "thumbnail_candidates": candidates,
            "thumbnail_file_url": best["url"] if best else None,
        },
    )
