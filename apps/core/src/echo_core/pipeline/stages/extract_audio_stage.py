import asyncio

from echo_core.media.limits import MediaLimits
from echo_core.pipeline.audio import AudioExtractionError, AudioInfo, extract_audio
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.storage.job_keys import audio_key
from echo_core.youtube_rules import format_timestamp

# A file damaged all over is told in a sentence, not a list.
_LISTED_SPANS = 3


async def run_extract_audio(context: StageContext) -> StageResult:
    info = await decode_audio(context)
    if not info.has_audio:
        return StageResult(detail="No audio track: the transcript will be empty")
    # Kept in storage so a retry on another machine resumes without decoding again.
    await context.storage.put_file(audio_key(context.job_id), context.local_audio)
    return StageResult(
        detail=f"16 kHz mono, {format_timestamp(info.duration_seconds)}",
        warnings=[damage_warning(info.damaged_spans)] if info.damaged_spans else [],
    )


def damage_warning(spans: tuple[tuple[float, float], ...]) -> str:
    listed = ", ".join(
        f"from {format_timestamp(start)} to {format_timestamp(end)}"
        for start, end in spans[:_LISTED_SPANS]
    )
    more = len(spans) - _LISTED_SPANS
    if more > 0:
        listed += f" and in {more} more places"
    return (
        f"The sound is damaged {listed}: that part is silent and its words are missing "
        "from the transcript."
    )


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
