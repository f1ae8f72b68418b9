"""Which speech and text engines the configuration picks, and whether they can run."""

import asyncio

from echo_core.config import Settings
from echo_core.doctor.endpoint_check import check_endpoint
from echo_core.doctor.finding import Finding, failed, ok
from echo_core.doctor.saved_settings import with_saved_choices
from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.asr.select import PULL_ADVICE, build_speech_engine
from echo_core.pipeline.text.engine import TextEngineSetupError, TextGenerationError
from echo_core.pipeline.text.engine_probe import probe_text_engine
from echo_core.pipeline.text.select import choose_llm
from echo_core.settings_types import revealed

FASTER_WHISPER_ADVICE = (
    f"pocketsphinx is far less accurate; for Whisper's transcripts, {PULL_ADVICE}"
)

FIX_ON_SETTINGS_PAGE = "correct it on the Settings page (admins) or in the ECHO_* variables"
LLM_ADVICE = (
    "for an LLM's wording choose one on the Settings page (admins), set ECHO_OPENAI_API_KEY, "
    "ECHO_OPENAI_BASE_URL (vLLM, LM Studio) or ECHO_GEMINI_API_KEY, or run Ollama"
)


async def check_speech_engine(settings: Settings) -> list[Finding]:
    subject = "speech engine"
    try:
        # The choice a job makes, but without the download a job would start.
        choice = await asyncio.to_thread(build_speech_engine, settings, may_download=False)
    except TranscriptionError as error:
        return [failed(subject, str(error))]  # the message names the fix
    name = choice.engine.name
    chosen_over_whisper = settings.asr_engine == "auto" and isinstance(
        choice.engine, PocketsphinxEngine
    )
    findings = [
        ok(
            subject,
            f"{name}: {choice.reason}",
            FASTER_WHISPER_ADVICE if chosen_over_whisper else None,
        )
    ]
    if settings.asr_engine == "openai":
        findings.append(
            await _openai_endpoint(
                "transcription endpoint",
                settings,
                "start the server or correct ECHO_OPENAI_BASE_URL; transcription fails until then",
            )
        )
    return findings


async def check_text_engine(settings: Settings) -> list[Finding]:
    """The engine a job would choose, with the admin's saved choice over ECHO_*, and for an
    LLM one tiny request as a job's would be: a model that does not exist fails here."""
    subject = "text engine"
    effective, saved = await with_saved_choices(settings)
    where = "the Settings page" if saved else "ECHO_TEXT_ENGINE"
    try:
        llm = await choose_llm(effective)
    except (TextEngineSetupError, TextGenerationError) as error:
        return [failed(subject, str(error))]
    kind = effective.text_engine
    if llm is None:
        if kind == "auto":
            return [
                ok(subject, "local, offline (auto, and no LLM is configured or found)", LLM_ADVICE)
            ]
        return [ok(subject, f"local, offline ({where} says {kind})")]
    reason = "auto, and an LLM is configured" if kind == "auto" else f"{where} says {kind}"
    findings = [ok(subject, f"{llm.name}, the offline engine as fallback ({reason})")]
    probe = await probe_text_engine(effective)
    findings.append(
        ok("LLM endpoint", probe.message)
        if probe.ok
        else failed(
            "LLM endpoint",
            probe.message,
            "correct it on the Settings page or in the ECHO_* variables",
        )
    )
    return findings


async def _openai_endpoint(subject: str, settings: Settings, unreachable_advice: str) -> Finding:
    key = revealed(settings.openai_api_key)
    return await check_endpoint(
        subject,
        f"{settings.openai_base_url.rstrip('/')}/models",
        {"Authorization": f"Bearer {key}"} if key else {},
        unreachable_advice,
        "ECHO_OPENAI_API_KEY",
    )
