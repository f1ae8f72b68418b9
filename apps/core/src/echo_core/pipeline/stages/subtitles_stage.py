from echo_core.pipeline.stages.context import StageContext, StageResult
from echo_core.pipeline.stages.transcript_input import saved_duration, saved_transcript
from echo_core.pipeline.subtitles import build_cues, to_srt, to_webvtt
from echo_core.storage.job_keys import subtitles_key


async def run_subtitles(context: StageContext) -> StageResult:
    cues = build_cues(saved_transcript(context.metadata), saved_duration(context.metadata))
    await context.storage.put_bytes(subtitles_key(context.job_id, "srt"), to_srt(cues).encode())
    context.progress(0.5, None)
    await context.storage.put_bytes(subtitles_key(context.job_id, "vtt"), to_webvtt(cues).encode())
    return StageResult(
        detail=f"{len(cues)} cues" if cues else "No speech, so the subtitles are empty",
        metadata_updates={
            "subtitle_files_urls": {
                "srt": context.file_url("subtitles.srt"),
                "vtt": context.file_url("subtitles.vtt"),
            }
        },
    )
