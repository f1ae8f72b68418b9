"""Which speech and text engines the configuration picks, and whether they can run."""

import asyncio

from echo_core.config import Settings
from echo_core.doctor.endpoint_check import check_endpoint
from echo_core.doctor.finding import Finding, failed, ok
from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.asr.select import PULL_ADVICE, build_speech_engine
from echo_core.pipeline.text.engine import TextGenerationError
from echo_core.pipeline.text.select import build_text_engine

FASTER_WHISPER_ADVICE = (
    f"pocketsphinx is far less accurate; for Whisper's transcripts, {PULL_ADVICE}"
)

LLM_ADVICE = (
    "for an LLM's wording set ECHO_OPENAI_API_KEY, ECHO_OPENAI_BASE_URL (Ollama, vLLM) "
    "or ECHO_GEMINI_API_KEY"
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
    subject = "text engine"
    try:
        engine = build_text_engine(settings)
    except TextGenerationError as error:
        return [failed(subject, str(error))]
    # Engine names are "<kind>:<model>" ("openai:gpt-4o-mini"), or "local".
    kind = engine.name.split(":", 1)[0]
    reason = f"ECHO_TEXT_ENGINE is {settings.text_engine}"
    if kind == "local":
        if settings.text_engine == "auto":
            return [ok(subject, "local, offline (auto, and no LLM is configured)", LLM_ADVICE)]
        return [ok(subject, f"local, offline ({reason})")]
    if settings.text_engine == "auto":
        reason = "auto, and an LLM is configured"
    findings = [ok(subject, f"{engine.name}, the offline engine as fallback ({reason})")]
    unreachable = "start the server or correct {}; until then the offline engine writes the text"
    if kind == "openai":
        findings.append(
            await _openai_endpoint(
                "LLM endpoint", settings, unreachable.format("ECHO_OPENAI_BASE_URL")
            )
        )
    else:
        findings.append(
            await check_endpoint(
                "LLM endpoint",
                f"{settings.gemini_base_url.rstrip('/')}/v1beta/models",
                {"x-goog-api-key": settings.gemini_api_key or ""},
                unreachable.format("ECHO_GEMINI_BASE_URL"),
                "ECHO_GEMINI_API_KEY",
            )
        )
    return findings


async def _openai_endpoint(subject: str, settings: Settings, unreachable_advice: str) -> Finding:
    key = settings.openai_api_key
    return await check_endpoint(
        subject,
        f"{settings.openai_base_url.rstrip('/')}/models",
        {"Authorization": f"Bearer {key}"} if key else {},
        unreachable_advice,
        "ECHO_OPENAI_API_KEY",
    )
