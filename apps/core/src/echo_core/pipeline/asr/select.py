"""Choose the speech engine from configuration and the job's language, and say why.

`auto` prefers faster-whisper: it runs when its model is on disk or can be downloaded now
(the download is reported as the stage's progress). A download that failed is remembered
for ECHO_WHISPER_DOWNLOAD_RETRY_SECONDS, so offline jobs go straight to pocketsphinx.
"""

from dataclasses import dataclass
from pathlib import Path

from echo_core.config import Settings
from echo_core.pipeline.asr.child_process import ChildFailedError
from echo_core.pipeline.asr.download_memory import DownloadMemory
from echo_core.pipeline.asr.engine import SpeechEngine, TranscriptionError
from echo_core.pipeline.asr.faster_whisper_engine import FasterWhisperEngine
from echo_core.pipeline.asr.languages import POCKETSPHINX_LANGUAGES, language_name
from echo_core.pipeline.asr.openai_engine import OpenAITranscriptionEngine
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.asr.whisper_models import (
    download_in_child,
    hub_offline,
    model_on_disk,
    whisper_hardware,
    whisper_model_name,
)
from echo_core.pipeline.progress import ProgressCallback, ignore_progress
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.settings_types import revealed

PULL_ADVICE = "run `echo-core models pull` or set ECHO_WHISPER_MODEL to a model directory"


@dataclass(frozen=True)
class SpeechEngineChoice:
    engine: SpeechEngine
    reason: str  # one clause for logs and the UI: "the Whisper model 'small' is on disk"


def build_speech_engine(
    settings: Settings,
    language: str | None = None,
    progress: ProgressCallback = ignore_progress,
    stop: StopSignal | None = None,
    may_download: bool = True,
) -> SpeechEngineChoice:
    """The engine for a job in `language` (an ISO 639-1 code; None: detect it).

    Blocking: it may download the Whisper model, reporting through `progress`, so call it
    off the event loop. Raises TranscriptionError when the configured engine cannot
    transcribe `language`, or faster-whisper is named and its model cannot be had.
    """
    match settings.asr_engine:
        case "pocketsphinx":
            return SpeechEngineChoice(
                _pocketsphinx(settings, language), "ECHO_ASR_ENGINE is pocketsphinx"
            )
        case "openai":
            return SpeechEngineChoice(_openai(settings, language), "ECHO_ASR_ENGINE is openai")
        case "faster-whisper" | "auto":
            return _whisper_or_fallback(settings, language, progress, stop, may_download)


def _whisper_or_fallback(
    settings: Settings,
    language: str | None,
    progress: ProgressCallback,
    stop: StopSignal | None,
    may_download: bool,
) -> SpeechEngineChoice:
    model = whisper_model_name(settings)
    model_dir = model_on_disk(model)
    if model_dir is not None:
        return SpeechEngineChoice(
            _faster_whisper(settings, model, model_dir, language),
            f"the Whisper model {model!r} is on disk",
        )
    memory = DownloadMemory(settings.data_dir, settings.whisper_download_retry_seconds)
    failure = memory.recent_failure(model)
    if failure is not None:
        problem = f"the Whisper model could not be downloaded ({failure.error})"
    elif not may_download:
        problem = f"the Whisper model {model!r} is not downloaded yet"
    elif hub_offline():
        problem = f"the Whisper model {model!r} is not on disk and HF_HUB_OFFLINE is set"
    else:
        try:
            model_dir = download_in_child(
                model,
                settings.whisper_download_timeout_seconds,
                progress,
                stop or StopSignal(),
                for_stage=True,
            )
        except ChildFailedError as error:
            memory.remember_failure(model, str(error))
            problem = f"the Whisper model could not be downloaded ({error})"
        else:
            memory.forget()
            return SpeechEngineChoice(
                _faster_whisper(settings, model, model_dir, language),
                f"the Whisper model {model!r} was downloaded",
            )
    if settings.asr_engine == "faster-whisper":
        raise TranscriptionError(f"ECHO_ASR_ENGINE is faster-whisper, but {problem}; {PULL_ADVICE}")
    return SpeechEngineChoice(_pocketsphinx(settings, language, problem), problem)


def _pocketsphinx(
    settings: Settings, language: str | None, whisper_problem: str | None = None
) -> PocketsphinxEngine:
    if language is not None and language not in POCKETSPHINX_LANGUAGES:
        because = f"; {whisper_problem}" if whisper_problem else ""
        raise TranscriptionError(
            f"pocketsphinx transcribes English only, and this video is in "
            f"{language_name(language)}{because}. {_whisper_advice(settings)}"
        )
    return PocketsphinxEngine(threads=settings.asr_threads)


def _whisper_advice(settings: Settings) -> str:
    if settings.asr_engine == "pocketsphinx":
        return "Set ECHO_ASR_ENGINE=auto to transcribe it with Whisper."
    return f"To transcribe it with Whisper, {PULL_ADVICE}."


def _faster_whisper(
    settings: Settings, model: str, model_dir: Path, language: str | None
) -> FasterWhisperEngine:
    return FasterWhisperEngine(
        model, model_dir, whisper_hardware(), threads=settings.asr_threads, language=language
    )


def _openai(settings: Settings, language: str | None) -> OpenAITranscriptionEngine:
    return OpenAITranscriptionEngine(
        base_url=settings.openai_base_url,
        model=settings.openai_transcription_model,
        api_key=revealed(settings.openai_api_key),
        # Remote services fail now and then; a whole video should not, so retry like the LLMs.
        max_retries=settings.llm_max_retries,
        language=language,
    )
