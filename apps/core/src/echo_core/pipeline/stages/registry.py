"""The pipeline's stages, each declared once, in the order they run.

A stage's `name` is stored on every job (`processing_stages`), so it never changes; its
`label` is what people read (the job page, error messages). What a stage saves is the
typed output its function returns (see `StageResult.output`).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from echo_core.pipeline.stages.chapters_stage import run_chapters
from echo_core.pipeline.stages.context import StageContext, StageResult
from echo_core.pipeline.stages.extract_audio_stage import run_extract_audio
from echo_core.pipeline.stages.metadata_stage import run_metadata
from echo_core.pipeline.stages.probe_stage import run_probe
from echo_core.pipeline.stages.subtitles_stage import run_subtitles
from echo_core.pipeline.stages.thumbnails_stage import run_thumbnails
from echo_core.pipeline.stages.transcribe_stage import run_transcribe

StageFunction = Callable[[StageContext], Awaitable[StageResult]]


@dataclass(frozen=True)
class Stage:
    name: str
    label: str
    run: StageFunction


STAGES = (
    Stage("probe", "Reading the video", run_probe),
    Stage("extract_audio", "Extracting the audio", run_extract_audio),
    Stage("transcribe", "Transcription", run_transcribe),
    Stage("subtitles", "Building subtitles", run_subtitles),
    Stage("chapters", "Finding chapters", run_chapters),
    Stage("metadata", "Writing titles and description", run_metadata),
    Stage("thumbnails", "Picking thumbnails", run_thumbnails),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
