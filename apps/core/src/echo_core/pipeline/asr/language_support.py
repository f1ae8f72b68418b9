"""Whether the configured speech engines can transcribe a language, asked at upload."""

from echo_core.config import Settings
from echo_core.pipeline.asr.download_memory import DownloadMemory
from echo_core.pipeline.asr.languages import POCKETSPHINX_LANGUAGES, language_name
from echo_core.pipeline.asr.select import PULL_ADVICE
from echo_core.pipeline.asr.whisper_models import hub_offline, model_on_disk, whisper_model_name


def language_problem(settings: Settings, language: str | None) -> str | None:
    """Why no engine here can transcribe `language` (an ISO 639-1 code; None: detect it),
    with what to install or configure; None when one can.

    Whisper is counted on when its model is on disk or may still be downloaded; a download
    that failed recently, or an offline hub, leaves only pocketsphinx (English).
    """
    if language is None or language in POCKETSPHINX_LANGUAGES:
        return None
    if settings.asr_engine == "openai":
        return None
    name = language_name(language)
    if settings.asr_engine == "pocketsphinx":
        return (
            f"{name} cannot be transcribed: ECHO_ASR_ENGINE is pocketsphinx, which knows English "
            "only. Set ECHO_ASR_ENGINE=auto to transcribe it with Whisper."
        )
    model = whisper_model_name(settings)
    if model_on_disk(model) is not None:
        return None
    memory = DownloadMemory(settings.data_dir, settings.whisper_download_retry_seconds)
    failure = memory.recent_failure(model)
    if failure is None and not hub_offline():
        return None
    why = "could not be downloaded" if failure else "is not on disk and HF_HUB_OFFLINE is set"
    return (
        f"{name} needs Whisper, but its model {model!r} {why}, and pocketsphinx knows English "
        f"only. To transcribe it, {PULL_ADVICE}."
    )
