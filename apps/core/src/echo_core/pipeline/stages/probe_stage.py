import asyncio
from dataclasses import dataclass

from echo_core.errors import MediaCutOffError, MediaLimitError, UnsupportedMediaError
from echo_core.media.limits import MediaLimits
from echo_core.media.probe import MediaInfo, probe_video
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.youtube_rules import format_timestamp


@dataclass(frozen=True)
class ProbeOutput:
    media: MediaInfo

    def save_to(self, metadata: VideoMetadata) -> None:
        metadata.extracted_video_duration_seconds = self.media.duration_seconds
        metadata.extracted_video_resolution = self.media.resolution
        metadata.extracted_video_format = self.media.container
        metadata.fps = self.media.fps


async def run_probe(context: StageContext) -> StageResult:
    video = await context.ensure_local_video()
    try:
        media = await asyncio.to_thread(
            probe_video, video, MediaLimits.from_settings(context.settings)
        )
    except (UnsupportedMediaError, MediaLimitError, MediaCutOffError) as error:
        raise StageFailedError(error.message, permanent=True) from error
    context.progress(1.0, None)
    audio = media.audio_codec or "no audio"
    return StageResult(
        detail=(
            f"{media.resolution}, {format_timestamp(media.duration_seconds)}, "
            f"{media.video_codec}/{audio}"
        ),
        output=ProbeOutput(media),
    )
