from dataclasses import dataclass

from echo_core.models.edited_field import EditedField
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.select import build_speech_engine
from echo_core.pipeline.stages.context import StageContext, StageFailedError, StageResult
from echo_core.pipeline.stages.extract_audio_stage import decode_audio
from echo_core.pipeline.stages.requested_language import requested_language
from echo_core.pipeline.stop_signal import in_thread_until_stopped
from echo_core.pipeline.text.written_sentences import written_sentences
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Transcript
from echo_core.storage.base import ObjectNotFoundError
from echo_core.storage.job_keys import audio_key


@dataclass(frozen=True)
class TranscriptOutput:
    transcript: Transcript
    language: str | None

    def save_to(self, metadata: VideoMetadata) -> None:
        """The recognizer's transcript; beside a transcript the creator edited it is only
        kept as the original, to compare or restore, and the edit stays the later stages'
        input."""
        metadata.language = self.language
        if metadata.is_edited(EditedField.TRANSCRIPT):
            metadata.original_transcript_segments = self.transcript.to_json()
            return
        metadata.transcript_text = self.transcript.text
        metadata.transcript_segments = self.transcript.to_json()


KEPT_EDITED_TRANSCRIPT = (
    "The creator's edited transcript is kept for the later stages; this one is offered beside it"
)


async def run_transcribe(context: StageContext) -> StageResult:
    if not await _audio_at_hand(context):
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
    detail = f"{engine.name}: {len(transcript.words)} words; {choice.reason}"
    if context.metadata.is_edited(EditedField.TRANSCRIPT):
        detail += f". {KEPT_EDITED_TRANSCRIPT}"
    return StageResult(
        detail=detail,
        # The language used: the one asked for, or Whisper's detection.
        output=TranscriptOutput(transcript, transcript.language or language),
        engines=engines,
    )


async def _audio_at_hand(context: StageContext) -> bool:
    """The extracted audio in the work folder, fetched from storage if another machine
    extracted it; False when the video has no sound.

    A job that ended keeps no audio (worker/ended_job_files.py), so a retry of a failed
    one that resumes here decodes the sound again.
    """
    if context.local_audio.exists():
        return True
    try:
        await context.storage.download_to(audio_key(context.job_id), context.local_audio)
    except ObjectNotFoundError:
        return (await decode_audio(context)).has_audio
    return True


def _no_speech(detail: str, engines: dict[str, str] | None = None) -> StageResult:
    return StageResult(
        detail=detail,
        output=TranscriptOutput(EMPTY_TRANSCRIPT, None),
        engines=engines or {},
    )
