"""The offline text engine phrases English only; a video in another language gets what was
said, as said, and the metadata stage says why (docs/decisions.md)."""

from pathlib import Path

from echo_core.config import Settings
from echo_core.models.video_metadata import VideoMetadata
from echo_core.pipeline.stages.context import StageContext
from echo_core.pipeline.stages.metadata_stage import run_metadata
from echo_core.pipeline.text.engine import ChapterDraft, TextRequest
from echo_core.pipeline.text.local_engine import LocalTextEngine
from echo_core.pipeline.transcript import Segment, Transcript, Word
from echo_core.storage.local import LocalStorage
from echo_core.youtube_rules import description_problem, title_problem

# Three parts of a German talk, a sentence per segment, as Whisper writes them.
GERMAN_PARTS = [
    [
        "Heute backen wir gemeinsam ein einfaches Brot aus Sauerteig.",
        "Der Sauerteig braucht Mehl, Wasser und vor allem viel Geduld.",
        "Jeden Morgen füttern wir den Sauerteig mit frischem Mehl.",
        "Nach einer Woche riecht der Sauerteig angenehm säuerlich.",
    ],
    [
        "Dann kneten wir den Teig zehn Minuten lang kräftig durch.",
        "Der Teig ruht danach über Nacht im Kühlschrank.",
        "Am nächsten Tag formen wir aus dem Teig einen runden Laib.",
        "Ein gut gekneteter Teig wird glatt und elastisch.",
    ],
    [
        "Zum Schluss backen wir das Brot im heißen Ofen.",
        "Der Ofen muss vorher eine Stunde lang vorheizen.",
        "Nach vierzig Minuten klopfen wir auf den Boden des Brotes.",
        "Klingt das Brot hohl, dann ist es fertig gebacken.",
    ],
]
SECONDS_PER_SENTENCE = 5.0
ENGLISH_FRAMING = ["In this video", "Summary", "Key points", "Key topics", "Guide", "Explained"]


def german_transcript() -> tuple[Transcript, list[float]]:
    segments = []
    starts = []
    clock = 0.0
    for part in GERMAN_PARTS:
        starts.append(clock)
        for sentence in part:
            pieces = sentence.split()
            step = (SECONDS_PER_SENTENCE - 0.8) / len(pieces)
            words = tuple(
                Word(piece, clock + index * step, clock + (index + 0.8) * step)
                for index, piece in enumerate(pieces)
            )
            segments.append(Segment(clock, clock + SECONDS_PER_SENTENCE - 0.8, sentence, words))
            clock += SECONDS_PER_SENTENCE
    return Transcript(language="de", segments=tuple(segments)), starts


def german_request() -> TextRequest:
    transcript, starts = german_transcript()
    ends = [*starts[1:], starts[-1] + len(GERMAN_PARTS[-1]) * SECONDS_PER_SENTENCE]
    chapters = tuple(
        ChapterDraft(start, end, " ".join(part), f"Provisional {number}")
        for number, (start, end, part) in enumerate(zip(starts, ends, GERMAN_PARTS, strict=True))
    )
    return TextRequest(transcript, chapters, ends[-1], "brot_backen.mp4")


async def test_a_german_talk_gets_its_own_sentences_and_no_english_phrasing() -> None:
    said = [sentence for part in GERMAN_PARTS for sentence in part]

    result = await LocalTextEngine().generate(german_request())

    assert result.titles
    for title in result.titles:
        assert title_problem(title) is None
        assert title in said  # a sentence as spoken, not a template or a Title Case phrase
    assert result.tags == ()  # no word list tells a German topic from "und" or "der"
    assert description_problem(result.description) is None
    assert result.description and all(
        sentence in said for sentence in _sentences(result.description)
    )
    assert result.show_notes == result.description
    for text in [*result.titles, result.description, *result.chapter_titles]:
        assert not any(framing in text for framing in ENGLISH_FRAMING), text
    # Each chapter is named by the opening words of one of its own sentences.
    assert len(result.chapter_titles) == len(GERMAN_PARTS)
    for title, part in zip(result.chapter_titles, GERMAN_PARTS, strict=True):
        opening = title.removesuffix("…")
        assert any(sentence.startswith(opening) for sentence in part), title
        assert len(opening.split()) <= 5


async def test_an_english_talk_is_still_phrased() -> None:
    request = german_request()
    english = TextRequest(
        Transcript("en", request.transcript.segments), request.chapters, 60.0, "talk.mp4"
    )

    result = await LocalTextEngine().generate(english)

    assert result.tags  # the English rules ran: key phrases become tags


async def test_the_metadata_stage_warns_when_the_offline_engine_wrote_another_language(
    tmp_path: Path,
) -> None:
    request = german_request()
    metadata = VideoMetadata(
        job_id="job",
        language="de",
        transcript_segments=request.transcript.to_json(),
        extracted_video_duration_seconds=request.duration_seconds,
        chapters=[
            {"start_seconds": chapter.start_seconds, "title": chapter.title}
            for chapter in request.chapters
        ],
    )
    settings = Settings(_env_file=None, data_dir=tmp_path, text_engine="local")  # type: ignore[call-arg]
    context = StageContext(
        job_id="job",
        video_key="unused",
        filename="brot_backen.mp4",
        settings=settings,
        storage=LocalStorage(tmp_path / "storage"),
        work_dir=tmp_path,
        metadata=metadata,
        progress=lambda _fraction, _detail: None,
    )

    result = await run_metadata(context)

    assert result.warnings == [
        "The offline text engine writes English; this video is in German: configure an LLM in "
        "Settings for German titles and descriptions. Until then the titles, description and "
        "show notes are sentences as spoken, and there are no tags."
    ]
    assert "this video is in German" in result.detail


def _sentences(text: str) -> list[str]:
    found, current = [], []
    for word in text.split():
        current.append(word)
        if word.endswith((".", "!", "?")):
            found.append(" ".join(current))
            current = []
    return found


async def test_a_sentence_said_again_is_written_once() -> None:
    request = german_request()
    first = request.transcript.segments[0]
    later = [
        Segment(
            first.start + shift,
            first.end + shift,
            first.text,
            tuple(Word(word.word, word.start + shift, word.end + shift) for word in first.words),
        )
        for shift in (100.0, 200.0)
    ]
    repeated = Transcript("de", (*request.transcript.segments, *later))
    request = TextRequest(repeated, (), 300.0, "brot.mp4")

    result = await LocalTextEngine().generate(request)

    assert result.description.count(first.text) <= 1
