"""Speech recognition through an OpenAI-compatible `/audio/transcriptions` endpoint.

OpenAI, Groq and self-hosted Whisper servers speak it. Uploads are limited (25 MB at OpenAI),
so long audio is sent in chunks of at most ten minutes, each cut at the quietest moment near
its end so no word is split, and the chunks' times are shifted back into the video's time.
"""

import io
import time
import wave
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.languages import WHISPER_LANGUAGES
from echo_core.pipeline.model_server_http import bearer_headers, is_transient, server_message
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.pipeline.transcript import EMPTY_TRANSCRIPT, Segment, Transcript, Word
from echo_core.youtube_rules import format_timestamp

DEFAULT_MAX_CHUNK_SECONDS = 600.0
# OpenAI refuses uploads over 25 MB; stay below it whatever the WAV's sample format.
_MAX_UPLOAD_BYTES = 24 * 1024 * 1024
# The quietest cut point is looked for in the last quarter of a chunk, at most this far back.
_MAX_CUT_SEARCH_SECONDS = 30.0
_LOUDNESS_WINDOW_SECONDS = 0.1
# OpenAI rejects audio shorter than 0.1 s; such a tail cannot hold a word anyway.
_MIN_CHUNK_SECONDS = 0.1
# The previous chunk's last words go along as the prompt, as OpenAI advises for split audio,
# so sentences and spellings carry over the cut. The prompt is limited to 224 tokens.
_CONTEXT_PROMPT_CHARS = 200


class OpenAITranscriptionEngine:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout_seconds: float = 900.0,
        max_retries: int = 2,
        retry_delay_seconds: float = 1.0,
        max_chunk_seconds: float = DEFAULT_MAX_CHUNK_SECONDS,
        language: str | None = None,
    ) -> None:
        """`language`: an ISO 639-1 code, or None to let the server detect it."""
        self._url = f"{base_url.rstrip('/')}/audio/transcriptions"
        self._model = model
        self._headers = bearer_headers(api_key)
        self._timeout_seconds = timeout_seconds
        self._max_retries = max_retries
        self._retry_delay_seconds = retry_delay_seconds
        self._max_chunk_seconds = max_chunk_seconds
        self._service = f"the transcription server at {base_url}"
        self._language = language

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    def transcribe(
        self, audio_path: Path, progress: ProgressCallback, stop: StopSignal | None = None
    ) -> Transcript:
        try:
            with wave.open(str(audio_path), "rb") as audio:
                return self._transcribe_wav(audio, progress, stop or StopSignal())
        except (OSError, wave.Error, EOFError) as error:
            raise TranscriptionError(f"The audio file cannot be read: {error}") from error

    def _transcribe_wav(
        self, audio: wave.Wave_read, progress: ProgressCallback, stop: StopSignal
    ) -> Transcript:
        rate, total_frames = audio.getframerate(), audio.getnframes()
        language = self._language
        segments: list[Segment] = []
        with httpx.Client(timeout=self._timeout_seconds) as client:
            for chunk in split_wav(audio, self._max_chunk_frames(audio)):
                stop.raise_if_stopped()
                reply = self._post_chunk(client, chunk.wav, language, _context_prompt(segments))
                chunk_language, chunk_segments = parse_verbose_json(reply, chunk.start_seconds)
                # The first chunk decides; a later one of music or silence must not flip it.
                language = language or chunk_language
                segments.extend(chunk_segments)
                done = format_timestamp(chunk.end_frame / rate)
                progress(chunk.end_frame / total_frames, f"{done} of {_duration(audio)}")
        if not segments:
            return EMPTY_TRANSCRIPT
        return Transcript(language=language, segments=tuple(segments))

    def _max_chunk_frames(self, audio: wave.Wave_read) -> int:
        frame_bytes = audio.getsampwidth() * audio.getnchannels()
        by_time = int(self._max_chunk_seconds * audio.getframerate())
        return max(min(by_time, _MAX_UPLOAD_BYTES // frame_bytes), 1)

    def _post_chunk(
        self, client: httpx.Client, wav: bytes, language: str | None, context: str
    ) -> Any:
        data: dict[str, str | list[str]] = {
            "model": self._model,
            "response_format": "verbose_json",
            "timestamp_granularities[]": ["word", "segment"],
        }
        if language:
            data["language"] = language
        if context:
            data["prompt"] = context
        problem = ""
        for attempt in range(self._max_retries + 1):
            if attempt:
                time.sleep(self._retry_delay_seconds * 2 ** (attempt - 1))
            try:
                response = client.post(
                    self._url,
                    data=data,
                    files={"file": ("audio.wav", wav, "audio/wav")},
                    headers=self._headers,
                )
            except httpx.TimeoutException:
                problem = f"No answer from {self._service} within {self._timeout_seconds:g} s."
                continue
            except httpx.HTTPError as error:
                problem = f"Could not reach {self._service}: {error}"
                continue
            if response.is_success:
                try:
                    return response.json()
                except ValueError as error:
                    raise TranscriptionError(
                        f"The reply from {self._service} is not JSON."
                    ) from error
            problem = (
                f"HTTP {response.status_code} from {self._service}: {server_message(response)}"
            )
            if not is_transient(response.status_code):
                break
        raise TranscriptionError(problem)


def _context_prompt(segments: list[Segment]) -> str:
    recent = " ".join(segment.text for segment in segments[-10:])
    if len(recent) <= _CONTEXT_PROMPT_CHARS:
        return recent
    return recent[-_CONTEXT_PROMPT_CHARS:].split(" ", 1)[-1]


def _duration(audio: wave.Wave_read) -> str:
    return format_timestamp(audio.getnframes() / audio.getframerate())


@dataclass(frozen=True)
class AudioChunk:
    start_seconds: float
    end_frame: int  # where the chunk ends in the whole file, for progress
    wav: bytes


def split_wav(audio: wave.Wave_read, max_frames: int) -> Iterator[AudioChunk]:
    """Cut 16-bit PCM audio into WAV files of at most `max_frames`, each ending in a pause.

    Reads a chunk at a time, so an hour of audio never sits in memory at once.
    """
    if audio.getsampwidth() != 2:
        raise TranscriptionError("Echo sends 16-bit PCM WAV audio for transcription.")
    rate, channels = audio.getframerate(), audio.getnchannels()
    frame_bytes = 2 * channels
    carried = b""
    position = 0
    while True:
        data = carried + audio.readframes(max_frames - len(carried) // frame_bytes)
        frames = len(data) // frame_bytes
        if frames == 0:
            return
        is_last = audio.tell() >= audio.getnframes()
        cut = frames if is_last else _quietest_frame(data, channels, rate, frames)
        if cut >= _MIN_CHUNK_SECONDS * rate:
            yield AudioChunk(
                start_seconds=position / rate,
                end_frame=position + cut,
                wav=_wav_bytes(data[: cut * frame_bytes], channels, rate),
            )
        if is_last:
            return
        carried = data[cut * frame_bytes :]
        position += cut


def _quietest_frame(data: bytes, channels: int, rate: int, frames: int) -> int:
    """The frame, in the last part of `data`, at the centre of its quietest 0.1 s."""
    window = max(int(_LOUDNESS_WINDOW_SECONDS * rate), 1)
    search = min(frames // 4, int(_MAX_CUT_SEARCH_SECONDS * rate)) // window * window
    if search == 0:
        return frames
    samples = np.frombuffer(data, dtype="<i2").reshape(-1, channels)[frames - search :]
    loudness = (samples.astype(np.float64) ** 2).mean(axis=1).reshape(-1, window).mean(axis=1)
    return frames - search + int(np.argmin(loudness)) * window + window // 2


def _wav_bytes(pcm: bytes, channels: int, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def parse_verbose_json(reply: Any, offset_seconds: float) -> tuple[str | None, list[Segment]]:
    """The language and timed segments of a `verbose_json` reply, shifted by the offset."""
    try:
        words = [
            Word(str(word["word"]).strip(), float(word["start"]), float(word["end"]))
            for word in _raw_words(reply)
            if str(word["word"]).strip()
        ]
        spans = [
            (float(segment["start"]), float(segment["end"]), str(segment["text"]).strip())
            for segment in reply.get("segments") or []
        ]
        text = str(reply.get("text") or "").strip()
        if not spans and text:
            # A server that sends only words and text still gives one usable segment.
            end = words[-1].end if words else float(reply.get("duration") or 0)
            spans = [(words[0].start if words else 0.0, end, text)]
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise TranscriptionError(
            f"The transcription server's reply is not the verbose_json Echo asked for ({error!r})."
        ) from error
    shifted_words = [
        Word(word.word, word.start + offset_seconds, word.end + offset_seconds) for word in words
    ]
    shifted_spans = [
        (start + offset_seconds, end + offset_seconds, text) for start, end, text in spans
    ]
    return language_code(reply.get("language")), _with_words(shifted_spans, shifted_words)


def _raw_words(reply: Any) -> Any:
    # OpenAI lists words at the top level; some self-hosted servers nest them in segments.
    if reply.get("words"):
        return reply["words"]
    return [word for segment in reply.get("segments") or [] for word in segment.get("words") or []]


def _with_words(spans: list[tuple[float, float, str]], words: list[Word]) -> list[Segment]:
    """Give each word to the segment its middle falls in (or the last one before it)."""
    starts = [start for start, _, _ in spans]
    grouped: list[list[Word]] = [[] for _ in spans]
    for word in words:
        middle = (word.start + word.end) / 2
        grouped[max(bisect_right(starts, middle) - 1, 0)].append(word)
    return [
        Segment(start, end, text, tuple(members))
        for (start, end, text), members in zip(spans, grouped, strict=True)
        if text or members
    ]


def language_code(value: Any) -> str | None:
    """Whisper's language as a code ("en"): OpenAI answers with a name ("english")."""
    if not isinstance(value, str):
        return None
    name_or_code = value.strip().lower()
    if name_or_code in WHISPER_LANGUAGES.values():
        return name_or_code
    return WHISPER_LANGUAGES.get(name_or_code)
