"""Offline recognition with pocketsphinx, on a real spoken video: flite reads four topics."""

import asyncio
import itertools
import re
import statistics
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from echo_core.pipeline.asr.engine import TranscriptionError
from echo_core.pipeline.asr.pocketsphinx_engine import PocketsphinxEngine, utterance_spans
from echo_core.pipeline.audio import extract_audio
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.text.written_sentences import written_sentences
from echo_core.pipeline.transcript import Transcript
from tests.media import DEFAULT_LIMITS
from tests.sentence_ends import sentence_ends_found
from tests.speech_media import TOPICS, SpeechVideo, read_aloud, speech_video, write_wav
from tests.wer import normalized_words, word_error_rate

# Measured on the flite video: 16.8% (MP4, AAC) and 16.4% (WebM, Opus); the voices
# differ (slt, rms, awb, kal16: about 20%, 11%, 22%, 13% each). The bound leaves a little
# room for another flite or FFmpeg build; pocketsphinx itself is deterministic.
MAX_WORD_ERROR_RATE = 0.20
# Topic times are where flite's reading starts and ends; a word may straddle the edge.
TIME_SLACK_SECONDS = 0.5


@dataclass(frozen=True)
class Recognition:
    spoken: SpeechVideo
    transcript: Transcript
    progress: list[tuple[float, str | None]]
    worst_event_loop_lag: float


@pytest.fixture(scope="module", params=["mp4", "webm"])
def recognition(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Recognition:
    """The spoken video run through the pipeline's first stages once per container."""
    spoken = speech_video(tmp_path_factory.getbasetemp() / "speech", request.param)
    wav_path = tmp_path_factory.mktemp("recognition") / "speech.wav"
    extract_audio(spoken.path, wav_path, DEFAULT_LIMITS, lambda _fraction, _detail: None)
    progress: list[tuple[float, str | None]] = []
    transcript, lag = asyncio.run(
        transcribe_as_the_worker_does(wav_path, lambda *report: progress.append(report))
    )
    return Recognition(spoken, transcript, progress, lag)


async def transcribe_as_the_worker_does(
    wav_path: Path, progress: ProgressCallback
) -> tuple[Transcript, float]:
    """Transcribe in a thread beside a running event loop; also say how late the loop got."""
    work = asyncio.ensure_future(
        asyncio.to_thread(PocketsphinxEngine().transcribe, wav_path, progress)
    )
    worst_lag = 0.0
    while not work.done():
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        worst_lag = max(worst_lag, time.perf_counter() - before - 0.01)
    return await work, worst_lag


def test_recognizes_the_spoken_text(recognition: Recognition) -> None:
    error_rate = word_error_rate(recognition.spoken.text, recognition.transcript.text)
    assert error_rate < MAX_WORD_ERROR_RATE, recognition.transcript.text
    assert recognition.transcript.language == "en"


def test_words_are_clean_and_in_time_order(recognition: Recognition) -> None:
    words = recognition.transcript.words
    assert words
    for word in words:
        assert word.word.strip() and not word.word.startswith(("<", "[")), word
        assert "(" not in word.word, "alternate pronunciation markers are stripped"
        assert 0.0 <= word.start < word.end <= recognition.spoken.duration_seconds
    starts = [word.start for word in words]
    assert starts == sorted(starts)


def test_the_transcript_is_written_in_sentences_where_the_voices_paused(
    recognition: Recognition,
) -> None:
    sentences = [sentence for topic in TOPICS for sentence in re.findall(r"[^.]+\.", topic.text)]

    written = written_sentences(recognition.transcript)

    recall, precision = sentence_ends_found(sentences, written)
    assert recall >= 0.7 and precision >= 0.7, written.text
    for segment in written.segments:
        assert re.fullmatch(r"[A-Z][^.]*\.", segment.text), segment.text
    # Only the spelling changed, so the recognizer's accuracy is what it was.
    assert word_error_rate(recognition.spoken.text, written.text) == word_error_rate(
        recognition.spoken.text, recognition.transcript.text
    )


def test_misheard_words_are_heard_with_less_confidence(recognition: Recognition) -> None:
    words = recognition.transcript.words
    spoken = set(normalized_words(recognition.spoken.text))
    assert all(word.confidence is not None and 0 <= word.confidence <= 1 for word in words)
    right = [word.confidence or 0.0 for word in words if word.word in spoken]
    wrong = [word.confidence or 0.0 for word in words if word.word not in spoken]
    assert wrong, "the flite voices always trip the recognizer somewhere"
    assert statistics.fmean(wrong) < statistics.fmean(right) - 0.2


def test_words_of_a_topic_are_heard_during_that_topic(recognition: Recognition) -> None:
    words = recognition.transcript.words
    for spoken in recognition.spoken.topics:
        heard = [word for word in words if word.word in spoken.topic.keywords]
        assert len(heard) >= 3, f"too few {spoken.topic.name} words recognized"
        for word in heard:
            assert spoken.start_seconds - TIME_SLACK_SECONDS <= word.start, word
            assert word.end <= spoken.end_seconds + TIME_SLACK_SECONDS, word


def test_segments_are_sentence_sized_and_never_span_two_topics(recognition: Recognition) -> None:
    segments = recognition.transcript.segments
    assert len(segments) >= 2 * len(TOPICS)
    topic_spans = [(topic.start_seconds, topic.end_seconds) for topic in recognition.spoken.topics]
    for previous, segment in itertools.pairwise(segments):
        assert previous.end <= segment.start
    for segment in segments:
        assert segment.text == " ".join(word.word for word in segment.words)
        assert (segment.start, segment.end) == (segment.words[0].start, segment.words[-1].end)
        assert segment.end - segment.start <= 8.0
        assert any(
            start - TIME_SLACK_SECONDS <= segment.start and segment.end <= end + TIME_SLACK_SECONDS
            for start, end in topic_spans
        ), segment


def test_progress_counts_words_up_to_done(recognition: Recognition) -> None:
    fractions = [fraction for fraction, _ in recognition.progress]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert recognition.progress[-1][1] == f"{len(recognition.transcript.words)} words"


def test_event_loop_stays_responsive_while_recognizing(recognition: Recognition) -> None:
    """Decoding happens in worker processes, so heartbeats and the API keep running."""
    assert recognition.worst_event_loop_lag < 0.5


@pytest.mark.parametrize(
    "sound",
    [
        pytest.param(np.zeros(10 * 16000), id="digital silence"),
        pytest.param(np.random.default_rng(7).normal(0, 30, 10 * 16000), id="faint noise"),
        pytest.param(1000 * np.sin(2 * np.pi * 60 * np.arange(10 * 16000) / 16000), id="mains hum"),
    ],
)
def test_no_speech_gives_an_empty_transcript(tmp_path: Path, sound: np.ndarray) -> None:
    """Left alone, the model hears "dog" in digital silence and worse in a hum."""
    progress: list[tuple[float, str | None]] = []

    transcript = PocketsphinxEngine(threads=1).transcribe(
        write_wav(tmp_path / "quiet.wav", sound), lambda *report: progress.append(report)
    )

    assert transcript.is_empty
    assert transcript.segments == ()
    assert progress[-1] == (1.0, "no speech")


def test_long_speech_is_cut_in_pauses_into_short_utterances(tmp_path: Path) -> None:
    """Four topics read without a break: about 70 s that must go to several workers."""
    speech = np.concatenate([read_aloud(topic, tmp_path) for topic in TOPICS])
    wav_path = write_wav(tmp_path / "continuous.wav", speech)

    spans = utterance_spans(wav_path)

    assert len(spans) >= 3
    assert all(span.end - span.start <= 25 * 16000 for span in spans)
    assert spans[0].start < 0.5 * 16000 and spans[-1].end > len(speech) - 0.5 * 16000
    loud = np.sqrt(np.mean(speech.astype(np.float64) ** 2))
    for before, after in itertools.pairwise(spans):
        assert before.end <= after.start
        if before.end == after.start:
            # A cut made inside speech lands in a pause, well below the average level.
            around = speech[before.end - 800 : before.end + 800].astype(np.float64)
            assert np.sqrt(np.mean(around**2)) < loud / 4


@pytest.mark.parametrize(("rate", "channels"), [(44100, 2), (8000, 1)])
def test_audio_in_another_format_is_refused(tmp_path: Path, rate: int, channels: int) -> None:
    path = tmp_path / "other.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(rate * channels * 2))

    with pytest.raises(TranscriptionError, match="16 kHz mono"):
        PocketsphinxEngine(threads=1).transcribe(path, lambda *_: None)


def test_a_file_that_is_not_audio_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("not a sound")

    with pytest.raises(TranscriptionError):
        PocketsphinxEngine(threads=1).transcribe(path, lambda *_: None)
