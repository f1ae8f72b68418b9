"""faster-whisper through the transcribe stage, with a tiny model the tests build.

The model (tests/tiny_whisper.py) has random weights steered to decode a fixed script in
every 30 s window, whatever is said: these tests check loading, language detection and
choice, word timestamps, progress, stopping, downloading and falling back, but never
whether the words were heard right; the pocketsphinx tests measure that.
"""

import itertools
import os
import subprocess
import threading
import time
import uuid
import wave
from pathlib import Path

import numpy as np
import pytest

from echo_core.config import Settings
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine
from echo_core.pipeline.asr.select import build_speech_engine
from echo_core.pipeline.asr.whisper_models import model_on_disk
from echo_core.pipeline.progress import ignore_progress
from echo_core.pipeline.stages.context import StageContext, StageFailedError
from echo_core.pipeline.stages.transcribe_stage import run_transcribe
from echo_core.pipeline.stop_signal import StageStoppedError, StopSignal
from echo_core.storage.local import LocalStorage
from tests.fake_hub import running_fake_hub
from tests.process_tree import recognizers
from tests.speech_media import FLITE, SPEECH_RATE, write_wav
from tests.tiny_whisper import build_tiny_whisper, cache_tiny_whisper

STOP_BOUND_SECONDS = 2.0
SCRIPT_WORDS = ["hello", "world", "this", "is", "a", "test"]


class Recorded:
    """Progress reports, kept in order; thread-safe like the worker's reporter."""

    def __init__(self) -> None:
        self.reports: list[tuple[float, str | None]] = []
        self._lock = threading.Lock()

    def __call__(self, fraction: float, detail: str | None) -> None:
        with self._lock:
            self.reports.append((fraction, detail))

    @property
    def details(self) -> list[str]:
        return [detail for _, detail in self.reports if detail]


def cached_model() -> str:
    """A tiny model in the session's Hugging Face cache, under a name of its own."""
    repository = f"echo-tests/tiny-{uuid.uuid4().hex[:12]}"
    cache_tiny_whisper(Path(os.environ["HF_HUB_CACHE"]), repository)
    return repository


def settings_for(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", asr_threads=1, **values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sentence_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """flite saying one sentence, 16 kHz mono."""
    reading = tmp_path_factory.mktemp("whisper-sentence") / "sentence.wav"
    command = [FLITE, "-voice", "slt", "-t", "hello world this is a test", "-o", str(reading)]
    subprocess.run(command, check=True)
    return reading


@pytest.fixture(scope="module")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory, sentence_wav: Path) -> Path:
    """70 s of flite saying a sentence over and over: more speech than one 30 s window
    holds, even after the VAD filter has cut the pauses out."""
    directory = tmp_path_factory.mktemp("whisper-speech")
    with wave.open(str(sentence_wav), "rb") as wav:
        speech = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    period = len(speech) + SPEECH_RATE // 4
    samples = np.zeros(70 * SPEECH_RATE, dtype=np.int16)
    for start in range(SPEECH_RATE, len(samples) - period, period):
        samples[start : start + len(speech)] = speech
    return write_wav(directory / "audio.wav", samples)


def stage_context(
    tmp_path: Path,
    settings: Settings,
    audio: Path,
    progress: Recorded,
    language: str | None = None,
) -> StageContext:
    work_dir = tmp_path / "work"
    work_dir.mkdir(exist_ok=True)
    (work_dir / "audio.wav").write_bytes(audio.read_bytes())
    return StageContext(
        job_id="job",
        video_key="unused",
        filename="talk.mp4",
        settings=settings,
        storage=LocalStorage(tmp_path / "storage"),
        work_dir=work_dir,
        metadata=VideoMetadata(job_id="job", language=language),
        progress=progress,
    )


async def test_a_cached_model_transcribes_with_timed_words_and_progress_per_segment(
    tmp_path: Path, spoken_wav: Path
) -> None:
    model = cached_model()
    progress = Recorded()
    context = stage_context(
        tmp_path, settings_for(tmp_path, whisper_model=model), spoken_wav, progress
    )

    result = await run_transcribe(context)

    name = f"faster-whisper:{model.split('/')[1]}"
    assert result.engines == {"transcript": name}
    segments = result.output.transcript.to_json()
    words = sum(len(segment["words"]) for segment in segments)
    assert result.detail == f"{name}: {words} words; the Whisper model {model!r} is on disk"
    assert result.output.language == "en"  # detected: the model says English
    # Every window decodes the script, written as a sentence since it has no punctuation.
    assert len(segments) >= 2
    assert [word["word"].lower().strip(".") for word in segments[0]["words"]] == SCRIPT_WORDS
    for segment in segments:
        starts = [word["start"] for word in segment["words"]]
        # Each word has its own time, from the alignment head: later words start later.
        assert all(later > earlier for earlier, later in itertools.pairwise(starts))
        assert all(word["start"] < word["end"] for word in segment["words"])
        assert segment["start"] <= starts[0] and segment["words"][-1]["end"] <= segment["end"] + 0.5
    assert segments[-1]["start"] >= 30.0  # a later window's times are the file's times
    # Recognition reports each segment as it is decoded: the bar moves before the end.
    fractions = [fraction for fraction, detail in progress.reports if detail and "words" in detail]
    assert len([fraction for fraction in fractions if 0 < fraction < 1]) >= 3
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


async def test_the_language_asked_for_is_the_one_used_and_recorded(
    tmp_path: Path, spoken_wav: Path
) -> None:
    settings = settings_for(tmp_path, whisper_model=cached_model())
    context = stage_context(tmp_path, settings, spoken_wav, Recorded(), language="de")

    result = await run_transcribe(context)

    # The model would detect English; German was asked for, so Whisper decodes as German.
    assert result.output.language == "de"


async def test_stopping_ends_the_recognizer_process_within_2_s(
    tmp_path: Path, spoken_wav: Path
) -> None:
    settings = settings_for(tmp_path, whisper_model=cached_model())
    stop = StopSignal()
    stopped_at: list[float] = []

    def stop_at_first_segment(fraction: float, detail: str | None) -> None:
        if detail and detail.endswith("words") and not stopped_at:
            stopped_at.append(time.monotonic())
            stop.stop()

    choice = build_speech_engine(settings)
    with pytest.raises(StageStoppedError):
        choice.engine.transcribe(spoken_wav, stop_at_first_segment, stop)

    assert time.monotonic() - stopped_at[0] <= STOP_BOUND_SECONDS
    assert recognizers(os.getpid()) == []


async def test_the_first_download_shows_its_progress_and_fills_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = f"echo-tests/served-{uuid.uuid4().hex[:12]}"
    served = build_tiny_whisper(tmp_path / "served")
    size = sum(path.stat().st_size for path in served.iterdir())
    # About 2 s, so the download is seen in several steps.
    with running_fake_hub(repository, served, bytes_per_second=size / 2) as hub:
        monkeypatch.delenv("HF_HUB_OFFLINE")
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        progress = Recorded()

        choice = build_speech_engine(
            settings_for(tmp_path, whisper_model=repository), None, progress
        )

    assert choice.reason == f"the Whisper model {repository!r} was downloaded"
    downloads = [detail for detail in progress.details if detail.startswith("Downloading")]
    megabytes = f"{size / 1e6:.1f} MB"
    assert downloads[0] == f"Downloading the speech model: 0% of {megabytes}"
    assert downloads[-1] == f"Downloading the speech model: 100% of {megabytes}"
    assert len(set(downloads)) >= 3
    assert model_on_disk(repository) is not None


async def test_a_failed_download_falls_back_to_pocketsphinx_and_is_not_retried_for_a_while(
    tmp_path: Path, sentence_wav: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = f"echo-tests/unreachable-{uuid.uuid4().hex[:12]}"
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    settings = settings_for(tmp_path, whisper_model=repository, whisper_download_timeout_seconds=5)
    progress = Recorded()

    result = await run_transcribe(stage_context(tmp_path, settings, sentence_wav, progress))

    # After "Looking up the speech model", the stage says which engine runs and why.
    assert progress.details[0] == "Looking up the speech model"
    assert progress.details[1].startswith(
        "pocketsphinx: the Whisper model could not be downloaded ("
    )
    assert result.engines == {"transcript": "pocketsphinx"}
    assert "the Whisper model could not be downloaded" in result.detail

    # The hub is back, but the failure is remembered: no job asks it for an hour.
    served = build_tiny_whisper(tmp_path / "served")
    with running_fake_hub(repository, served) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        again = build_speech_engine(settings)
        assert isinstance(again.engine, PocketsphinxEngine)
        assert hub.requests == []

        at_once = settings_for(tmp_path, whisper_model=repository, whisper_download_retry_seconds=0)
        retried = build_speech_engine(at_once)
        assert retried.reason == f"the Whisper model {repository!r} was downloaded"
    assert not (settings.data_dir / "whisper-download-failed.json").exists()


async def test_a_language_pocketsphinx_cannot_write_fails_the_stage_saying_what_to_do(
    tmp_path: Path, sentence_wav: Path
) -> None:
    settings = settings_for(tmp_path, whisper_model="echo-tests/not-cached")
    context = stage_context(tmp_path, settings, sentence_wav, Recorded(), language="fr")

    with pytest.raises(StageFailedError) as failed:
        await run_transcribe(context)

    assert failed.value.permanent
    assert "pocketsphinx transcribes English only" in failed.value.message
    assert "French" in failed.value.message
    assert "echo-core models pull" in failed.value.message


def test_faster_whisper_named_without_its_model_is_a_clear_error(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, asr_engine="faster-whisper", whisper_model="echo-tests/none")

    with pytest.raises(TranscriptionError, match="echo-core models pull"):
        build_speech_engine(settings, None, ignore_progress)
