"""A real spoken video for recognition tests: flite reads four topics, one after another.

Each topic is read by Debian's `flite` in its own voice, the readings are joined with a
few seconds of silence between topics, and the sound is muxed with a moving picture (its
colour changes with the topic) into MP4 (H.264 + AAC) or WebM (VP8 + Opus). The text, and
when each topic starts and ends, are known, so tests can score the transcript and timing.
"""

import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

FLITE = "/usr/bin/flite"
SPEECH_RATE = 16000
_LEADING_SILENCE_SECONDS = 1.0
_SILENCE_BETWEEN_TOPICS_SECONDS = 3.0
_TRAILING_SILENCE_SECONDS = 1.0
_MUX_AUDIO_RATE = 48000
_FPS = 10
_WIDTH, _HEIGHT = 160, 120


@dataclass(frozen=True)
class Topic:
    name: str
    voice: str
    """A different flite voice per topic, as if several people took turns."""
    text: str
    keywords: frozenset[str]
    """Words only this topic uses, to check that they are heard at the right time."""


@dataclass(frozen=True)
class SpokenTopic:
    topic: Topic
    start_seconds: float
    end_seconds: float


@dataclass(frozen=True)
class SpeechVideo:
    path: Path
    topics: tuple[SpokenTopic, ...]
    duration_seconds: float

    @property
    def text(self) -> str:
        return " ".join(spoken.topic.text for spoken in self.topics)


TOPICS = (
    Topic(
        "cooking pasta",
        "slt",
        "To cook pasta well, start with a large pot of water. Bring the water to a rolling "
        "boil and add a generous amount of salt. Drop the pasta into the pot and stir it "
        "during the first minute so it does not stick. Save a cup of the cooking water "
        "before you drain it. Toss the pasta with the sauce and serve it right away.",
        frozenset({"pasta", "boil", "salt", "sauce", "cooking", "cook"}),
    ),
    Topic(
        "astronomy",
        "rms",
        "On a clear night far from city lights, you can see thousands of stars. The planets "
        "move slowly against the background of stars from one night to the next. Jupiter is "
        "bright enough to see without a telescope. The moon is best observed near the first "
        "quarter, when shadows make the craters stand out.",
        frozenset({"stars", "planets", "jupiter", "telescope", "moon", "craters"}),
    ),
    Topic(
        "gardening",
        "awb",
        "Most vegetables need at least six hours of direct sunlight every day. Before "
        "planting, loosen the soil and mix in a few inches of compost. Water deeply once or "
        "twice a week, so the roots grow down into the ground. A layer of mulch keeps the "
        "soil moist and stops weeds from growing.",
        frozenset({"vegetables", "sunlight", "soil", "compost", "roots", "mulch", "weeds"}),
    ),
    Topic(
        "bicycle repair",
        "kal16",
        "To fix a flat tire on a bicycle, first remove the wheel from the frame. Use two "
        "tire levers to lift one side of the tire off the rim. Pull out the inner tube and "
        "find the hole by pumping a little air into it. Patch the hole, put the tube back "
        "inside the tire, and pump it up again.",
        frozenset({"tire", "bicycle", "wheel", "levers", "rim", "tube", "patch"}),
    ),
)

_made: dict[Path, SpeechVideo] = {}


def speech_video(
    directory: Path, container: str = "mp4", topic_count: int = len(TOPICS)
) -> SpeechVideo:
    """The spoken video in `directory` (`mp4` or `webm`), made on first use per session;
    with a `topic_count`, only that many of the topics, for a shorter video."""
    suffix = "" if topic_count == len(TOPICS) else f"-{topic_count}"
    path = directory / f"speech{suffix}.{container}"
    topics = TOPICS[:topic_count]
    if path not in _made:
        directory.mkdir(parents=True, exist_ok=True)
        samples, spans = _spoken_topics(directory, topics)
        _mux(path, samples, [span[0] for span in spans])
        _made[path] = SpeechVideo(
            path=path,
            topics=tuple(
                SpokenTopic(topic, start, end)
                for topic, (start, end) in zip(topics, spans, strict=True)
            ),
            duration_seconds=len(samples) / SPEECH_RATE,
        )
    return _made[path]


def write_wav(path: Path, samples: np.ndarray, rate: int = SPEECH_RATE) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.astype(np.int16).tobytes())
    return path


def _spoken_topics(
    directory: Path, topics: Sequence[Topic]
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """The topics read aloud in a row, and each one's (start, end) in seconds."""
    parts: list[np.ndarray] = []
    spans: list[tuple[float, float]] = []
    for index, topic in enumerate(topics):
        pause = _SILENCE_BETWEEN_TOPICS_SECONDS if index else _LEADING_SILENCE_SECONDS
        parts.append(_silence(pause))
        start = sum(len(part) for part in parts)
        reading = read_aloud(topic, directory)
        parts.append(reading)
        spans.append((start / SPEECH_RATE, (start + len(reading)) / SPEECH_RATE))
    parts.append(_silence(_TRAILING_SILENCE_SECONDS))
    return np.concatenate(parts), spans


def read_aloud(topic: Topic, directory: Path) -> np.ndarray:
    """The topic as flite reads it: 16 kHz mono samples, kept in `directory`."""
    wav_path = directory / f"{topic.name.replace(' ', '-')}.wav"
    if not wav_path.exists():
        if not Path(FLITE).exists():
            raise RuntimeError(f"{FLITE} is missing: install Debian's flite package")
        command = [FLITE, "-voice", topic.voice, "-t", topic.text, "-o", str(wav_path)]
        subprocess.run(command, check=True)
    with wave.open(str(wav_path), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (SPEECH_RATE, 1), "unexpected voice"
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SPEECH_RATE), dtype=np.int16)


def _mux(path: Path, samples: np.ndarray, topic_starts: list[float]) -> None:
    """Write picture and sound interleaved in time order, as a real recording would be."""
    is_webm = path.suffix == ".webm"
    video_codec, audio_codec = ("libvpx", "libopus") if is_webm else ("libx264", "aac")
    with av.open(str(path), mode="w") as container:
        video = container.add_stream(video_codec, rate=_FPS)
        video.width, video.height, video.pix_fmt = _WIDTH, _HEIGHT, "yuv420p"
        audio = container.add_stream(audio_codec, rate=_MUX_AUDIO_RATE)
        audio.layout = "mono"
        # Upsampled like a camera's 48 kHz track, so extraction really has to resample.
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=_MUX_AUDIO_RATE)
        samples_per_frame = SPEECH_RATE // _FPS
        for index, start in enumerate(range(0, len(samples), samples_per_frame)):
            topic = sum(1 for topic_start in topic_starts if start / SPEECH_RATE >= topic_start)
            container.mux(video.encode(_picture(index, topic)))
            chunk = samples[start : start + samples_per_frame].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="s16", layout="mono")
            frame.sample_rate = SPEECH_RATE
            frame.pts = start
            frame.time_base = Fraction(1, SPEECH_RATE)
            for resampled in resampler.resample(frame):
                container.mux(audio.encode(resampled))
        for resampled in resampler.resample(None):
            container.mux(audio.encode(resampled))
        container.mux(video.encode(None))
        container.mux(audio.encode(None))


def _picture(index: int, topic: int) -> av.VideoFrame:
    picture = np.zeros((_HEIGHT, _WIDTH, 3), dtype=np.uint8)
    picture[:, :, topic % 3] = 60 + 45 * topic
    picture[_HEIGHT // 3 : _HEIGHT // 2, (index * 3) % _WIDTH :, :] = 230
    return av.VideoFrame.from_ndarray(picture, format="rgb24")
