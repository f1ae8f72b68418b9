from collections.abc import Mapping
from dataclasses import dataclass

from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.context import StageContext, StageResult
from echo_core.pipeline.stages.transcript_input import saved_duration, saved_transcript
from echo_core.pipeline.subtitles import build_cues, to_srt, to_webvtt
from echo_core.storage.job_keys import subtitles_key


@dataclass(frozen=True)
class SubtitlesOutput:
    keys: Mapping[str, str]  # the storage key of each file, by its extension

    def save_to(self, metadata: VideoMetadata) -> None:
        metadata.subtitle_file_keys = dict(self.keys)


async def run_subtitles(context: StageContext) -> StageResult:
    cues = build_cues(saved_transcript(context.metadata), saved_duration(context.metadata))
    srt_key = subtitles_key(context.job_id, "srt")
    vtt_key = subtitles_key(context.job_id, "vtt")
    await context.storage.put_bytes(srt_key, to_srt(cues).encode())
    context.progress(0.5, None)
    await context.storage.put_bytes(vtt_key, to_webvtt(cues, context.metadata.language).encode())
    return StageResult(
        detail=f"{len(cues)} cues" if cues else "No speech, so the subtitles are empty",
        output=SubtitlesOutput({"srt": srt_key, "vtt": vtt_key}),
    )
