"""Choose the speech engine from configuration, and say why it was chosen."""

from dataclasses import dataclass

from echo_core.config import Settings
from echo_core.pipeline.asr.engine import SpeechEngine
from echo_core.pipeline.asr.faster_whisper_engine import (
    FasterWhisperEngine,
    faster_whisper_problem,
    import_faster_whisper,
)
from echo_core.pipeline.asr.openai_engine import OpenAITranscriptionEngine
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine


@dataclass(frozen=True)
class SpeechEngineChoice:
    engine: SpeechEngine
    reason: str  # one line for logs and the UI


def build_speech_engine(settings: Settings) -> SpeechEngineChoice:
    """The configured engine; `auto` may try a short model download, so call it off the loop.

    Raises TranscriptionError when faster-whisper is named explicitly but is not installed.
    """
    match settings.asr_engine:
        case "pocketsphinx":
            return SpeechEngineChoice(_pocketsphinx(settings), "ECHO_ASR_ENGINE is pocketsphinx")
        case "openai":
            return SpeechEngineChoice(_openai(settings), "ECHO_ASR_ENGINE is openai")
        case "faster-whisper":
            import_faster_whisper()  # a missing package is reported now, with the fix
            return SpeechEngineChoice(
                _faster_whisper(settings), "ECHO_ASR_ENGINE is faster-whisper"
            )
        case "auto":
            return _automatic_choice(settings)


def _automatic_choice(settings: Settings) -> SpeechEngineChoice:
    """faster-whisper when it can run now; pocketsphinx, which always works offline, if not."""
    model = settings.whisper_model
    problem = faster_whisper_problem(model, settings.whisper_download_timeout_seconds)
    if problem is None:
        return SpeechEngineChoice(
            _faster_whisper(settings), f"faster-whisper model {model!r} is available"
        )
    return SpeechEngineChoice(_pocketsphinx(settings), f"{problem}, so pocketsphinx is used")


def _pocketsphinx(settings: Settings) -> PocketsphinxEngine:
    return PocketsphinxEngine(threads=settings.asr_threads)


def _faster_whisper(settings: Settings) -> FasterWhisperEngine:
    return FasterWhisperEngine(settings.whisper_model, threads=settings.asr_threads)


def _openai(settings: Settings) -> OpenAITranscriptionEngine:
    return OpenAITranscriptionEngine(
        base_url=settings.openai_base_url,
        model=settings.openai_transcription_model,
        api_key=settings.openai_api_key,
        # Remote services fail now and then; a whole video should not, so retry like the LLMs.
        max_retries=settings.llm_max_retries,
    )
