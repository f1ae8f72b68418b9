"""Store a transcript the way the worker does when transcription finishes."""

from echo_core.operations.video_metadata_repository import VideoMetadataRepository
from echo_core.pipeline.stages.transcribe_stage import TranscriptOutput
from echo_core.pipeline.transcript import Segment, Transcript
from tests.conftest import Api


def transcript(*lines: tuple[float, float, str]) -> Transcript:
    return Transcript("en", tuple(Segment(start, end, text) for start, end, text in lines))


async def store_transcript(api: Api, job_id: str, spoken: Transcript) -> None:
    """Through the repository call of the worker's JobStore.save_stage_output."""
    async with api.runtime.session_factory() as session:
        await VideoMetadataRepository(session).apply_pipeline_output(
            job_id, TranscriptOutput(spoken, spoken.language).save_to, {"transcript": "test"}
        )
        await session.commit()
