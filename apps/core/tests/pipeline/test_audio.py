"""Audio extraction: real videos in, the 16 kHz mono WAV the speech engines read out."""

import shutil
import wave
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

import av
import numpy as np
import numpy.typing as npt
import pytest

from echo_core.config import Settings
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.audio import AudioExtractionError, extract_audio
from echo_core.pipeline.progress import ignore_progress
from echo_core.pipeline.stages.context import StageContext
from echo_core.pipeline.stages.extract_audio_stage import run_extract_audio
from echo_core.storage.local import LocalStorage
from tests.hostile_media import (
    claim_duration,
    hide_duration,
    make_video_with_audio_spans,
    make_video_with_slow_audio,
)
from tests.media import DEFAULT_LIMITS, make_video, truncated_copy
from tests.peak_memory import peak_growth_kib, start_peak_window
from tests.speech_media import speech_video

# 16 kHz mono 16-bit: what one second of the extracted audio takes on disk.
BYTES_PER_SECOND = 32_000
WAV_HEADER_BYTES = 44
# A tone for a second, then a few packets stamped ten hours later.
JUMP_TO_TEN_HOURS = [(0.0, 1.0), (36_000.0, 36_000.2)]


class ProgressLog:
    def __init__(self) -> None:
        self.fractions: list[float] = []

    def __call__(self, fraction: float, _detail: str | None) -> None:
        self.fractions.append(fraction)


class WavContent(NamedTuple):
    rate: int
    channels: int
    sample_width: int
    samples: npt.NDArray[np.int16]


def read_wav(path: Path) -> WavContent:
    with wave.open(str(path), "rb") as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
        return WavContent(wav.getframerate(), wav.getnchannels(), wav.getsampwidth(), samples)


def dominant_frequency(samples: npt.NDArray[np.int16], rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[np.argmax(spectrum)])


@pytest.mark.parametrize("extension", ["mp4", "webm", "mkv", "mov"])
def test_extracts_16khz_mono_pcm_from_each_container(tmp_path: Path, extension: str) -> None:
    video = make_video(tmp_path / f"clip.{extension}", seconds=2.0)
    wav_path = tmp_path / "audio.wav"
    progress = ProgressLog()

    info = extract_audio(video, wav_path, DEFAULT_LIMITS, progress)

    wav = read_wav(wav_path)
    assert (wav.rate, wav.channels, wav.sample_width) == (16000, 1, 2)
    assert info.has_audio
    assert info.duration_seconds == pytest.approx(2.0, abs=0.05)
    assert info.duration_seconds == len(wav.samples) / 16000
    # It is the video's 440 Hz tone, not silence or noise.
    assert dominant_frequency(wav.samples[8000:24000], 16000) == pytest.approx(440, abs=2)
    assert progress.fractions[-1] == 1.0
    assert progress.fractions == sorted(progress.fractions)
    assert all(0.0 <= fraction <= 1.0 for fraction in progress.fractions)
    assert set(tmp_path.iterdir()) == {video, wav_path}, "no partial file is left behind"


@pytest.mark.parametrize("container", ["mp4", "webm"])
def test_resamples_a_48khz_speech_track(
    tmp_path_factory: pytest.TempPathFactory, container: str
) -> None:
    spoken = speech_video(tmp_path_factory.getbasetemp() / "speech", container)
    wav_path = tmp_path_factory.mktemp("extracted") / "speech.wav"

    info = extract_audio(spoken.path, wav_path, DEFAULT_LIMITS, ProgressLog())

    wav = read_wav(wav_path)
    assert (wav.rate, wav.channels) == (16000, 1)
    assert info.duration_seconds == pytest.approx(spoken.duration_seconds, abs=0.05)


def test_video_without_sound_writes_no_file(tmp_path: Path) -> None:
    video = make_video(tmp_path / "silent-film.mp4", with_audio=False)
    progress = ProgressLog()

    info = extract_audio(video, tmp_path / "audio.wav", DEFAULT_LIMITS, progress)

    assert not info.has_audio
    assert info.duration_seconds == 0.0
    assert list(tmp_path.iterdir()) == [video]


def test_audio_that_starts_late_keeps_its_place_in_the_video(tmp_path: Path) -> None:
    """Words must land at their time in the video, so the late start becomes silence."""
    video = make_video_with_late_audio(tmp_path / "late.mkv", audio_from=1.0, until=3.0)
    wav_path = tmp_path / "audio.wav"

    info = extract_audio(video, wav_path, DEFAULT_LIMITS, ProgressLog())

    samples = read_wav(wav_path).samples
    assert info.duration_seconds == pytest.approx(3.0, abs=0.05)
    assert np.abs(samples[: int(0.95 * 16000)]).max() == 0
    assert dominant_frequency(samples[int(1.1 * 16000) :], 16000) == pytest.approx(440, abs=2)


def test_damaged_video_raises_and_leaves_nothing_behind(tmp_path: Path) -> None:
    whole = make_video(tmp_path / "whole.mp4", seconds=2.0)
    damaged = truncated_copy(whole, tmp_path / "damaged.mp4", keep_fraction=0.5)

    with pytest.raises(AudioExtractionError):
        extract_audio(damaged, tmp_path / "audio.wav", DEFAULT_LIMITS, ProgressLog())

    assert set(tmp_path.iterdir()) == {whole, damaged}


def audio_stage_context(tmp_path: Path, video: Path, **settings: Any) -> StageContext:
    """What the worker gives the extract_audio stage, with the video already fetched."""
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    shutil.copy(video, work_dir / "source")
    return StageContext(
        job_id="job",
        video_key="unused",
        filename=video.name,
        settings=Settings(data_dir=tmp_path / "data", **settings),
        storage=LocalStorage(tmp_path / "storage"),
        work_dir=work_dir,
        metadata=VideoMetadata(job_id="job"),
        progress=ignore_progress,
    )


async def test_audio_timestamps_that_jump_past_the_video_write_no_more_than_its_length(
    tmp_path: Path,
) -> None:
    """Some kilobytes that say they last 2 s must not become 10 hours (1.15 GB) of silence."""
    video = claim_duration(
        make_video_with_audio_spans(tmp_path / "jumping.mkv", JUMP_TO_TEN_HOURS), seconds=2.0
    )
    context = audio_stage_context(tmp_path, video)

    result = await run_extract_audio(context)

    assert context.local_audio.stat().st_size <= 2.0 * BYTES_PER_SECOND + WAV_HEADER_BYTES
    samples = read_wav(context.local_audio).samples
    # The second of tone the file really holds is kept, in its place.
    assert dominant_frequency(samples[1600:14400], 16000) == pytest.approx(440, abs=2)
    assert result.detail == "16 kHz mono, 0:02"


async def test_audio_of_a_video_of_unknown_length_stops_at_the_duration_limit(
    tmp_path: Path,
) -> None:
    video = hide_duration(make_video_with_audio_spans(tmp_path / "jumping.mkv", JUMP_TO_TEN_HOURS))
    context = audio_stage_context(tmp_path, video, max_duration_seconds=5)

    await run_extract_audio(context)

    assert context.local_audio.stat().st_size <= 5 * BYTES_PER_SECOND + WAV_HEADER_BYTES


def test_audio_claiming_few_samples_a_second_is_resampled_in_bounded_memory(
    tmp_path: Path,
) -> None:
    """200 KB of samples claimed at 8 a second: 12,500 s, or 400 MB once at 16 kHz."""
    video = claim_duration(
        make_video_with_slow_audio(tmp_path / "slow.mkv", sample_rate=8, samples=100_000),
        seconds=2.0,
    )
    wav_path = tmp_path / "audio.wav"

    baseline_kib = start_peak_window()
    info = extract_audio(video, wav_path, DEFAULT_LIMITS, ProgressLog())
    growth_kib = peak_growth_kib(baseline_kib)

    assert info.duration_seconds == 2.0
    assert wav_path.stat().st_size <= 2.0 * BYTES_PER_SECOND + WAV_HEADER_BYTES
    assert growth_kib < 100 * 1024, f"extraction took {growth_kib // 1024} MB"


def make_video_with_late_audio(path: Path, audio_from: float, until: float) -> Path:
    """A video whose 440 Hz tone only starts `audio_from` seconds in, as after a cut."""
    rate, fps = 48000, 25
    with av.open(str(path), mode="w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        audio = container.add_stream("aac", rate=rate)
        audio.layout = "mono"
        for index in range(int(until * fps)):
            picture = np.full((120, 160, 3), index * 3 % 255, dtype=np.uint8)
            container.mux(video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(video.encode(None))
        for start in range(int(audio_from * rate), int(until * rate), 1024):
            t = np.arange(start, start + 1024) / rate
            tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(tone, format="flt", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            container.mux(audio.encode(frame))
        container.mux(audio.encode(None))
    return path
