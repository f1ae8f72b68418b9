import asyncio

from echo_core.media.limits import MediaLimits
from echo_core.pipeline.audio import AudioExtractionError, AudioInfo, extract_audio
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.storage.job_keys import audio_key
from echo_core.youtube_rules import format_timestamp


async def run_extract_audio(context: StageContext) -> StageResult:
    info = await decode_audio(context)
    if not info.has_audio:
        return StageResult(detail="No audio track: the transcript will be empty")
    # Kept in storage so a retry on another machine resumes without decoding again.
    await context.storage.put_file(audio_key(context.job_id), context.local_audio)
    return StageResult(detail=f"16 kHz mono, {format_timestamp(info.duration_seconds)}")


async def decode_audio(context: StageContext) -> AudioInfo:
    """Decode the video's sound into `context.local_audio` (nothing when it has none)."""
    video = await context.ensure_local_video()
    try:
        return await asyncio.to_thread(
            extract_audio,
            video,
            context.local_audio,
            MediaLimits.from_settings(context.settings),
            context.progress,
        )
    except AudioExtractionError as error:
        # Damaged audio does not heal on a retry.
        raise StageFailedError(str(error), permanent=True) from error
