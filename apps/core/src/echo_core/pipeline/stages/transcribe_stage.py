from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.select import build_speech_engine
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.stages.requested_language import requested_language
from echo_core.pipeline.stop_signal import in_thread_until_stopped
from echo_core.pipeline.text.written_sentences import written_sentences
from echo_core.storage.base import ObjectNotFoundError
from echo_core.storage.job_keys import audio_key


async def run_transcribe(context: StageContext) -> StageResult:
    if not context.local_audio.exists():
        try:
            await context.storage.download_to(audio_key(context.job_id), context.local_audio)
        except ObjectNotFoundError:
            return _no_speech("No audio track, so there is nothing to transcribe")
    language = requested_language(context.metadata)
    try:
        # May download the Whisper model first, with its progress as the stage's.
        choice = await in_thread_until_stopped(
            lambda: build_speech_engine(context.settings, language, context.progress, context.stop),
            context.stop,
        )
    except TranscriptionError as error:
        # A language no engine here speaks is a configuration problem; retrying will not help.
        raise StageFailedError(str(error), permanent=True) from error
    engine = choice.engine
    context.progress(0.0, f"{engine.name}: {choice.reason}")
    try:
        transcript = await in_thread_until_stopped(
            lambda: engine.transcribe(context.local_audio, context.progress, context.stop),
            context.stop,
        )
    except TranscriptionError as error:
        raise StageFailedError(f"Transcription with {engine.name} failed: {error}") from error
    # Stored as sentences, so the page, the subtitles and the texts all read them.
    transcript = written_sentences(transcript)
    engines = {"transcript": engine.name}
    if transcript.is_empty:
        return _no_speech(f"{engine.name}: no speech found; {choice.reason}", engines)
    return StageResult(
        detail=f"{engine.name}: {len(transcript.words)} words; {choice.reason}",
        metadata_updates={
            "transcript_text": transcript.text,
            "transcript_segments": transcript.to_json(),
            # The language used: the one asked for, or Whisper's detection.
            "language": transcript.language or language,
        },
        engines=engines,
    )


def _no_speech(detail: str, engines: dict[str, str] | None = None) -> StageResult:
    return StageResult(
        detail=detail,
        metadata_updates={"transcript_text": "", "transcript_segments": [], "language": None},
        engines=engines or {},
    )
