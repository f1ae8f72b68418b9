"""The stages in the order they run, each by the name stored on the job."""

from collections.abc import Awaitable, Callable

from echo_core.models.processing_stage import STAGE_NAMES
from echo_core.pipeline.stages.chapters_stage import run_chapters
from echo_core.pipeline.stages.context import StageContext, StageResult
from echo_core.pipeline.stages.extract_audio_stage import run_extract_audio
from echo_core.pipeline.stages.metadata_stage import run_metadata
from echo_core.pipeline.stages.probe_stage import run_probe
from echo_core.pipeline.stages.subtitles_stage import run_subtitles
from echo_core.pipeline.stages.thumbnails_stage import run_thumbnails
from echo_core.pipeline.stages.transcribe_stage import run_transcribe

StageFunction = Callable[[StageContext], Awaitable[StageResult]]

STAGES: dict[str, StageFunction] = {
    "probe": run_probe,
    "extract_audio": run_extract_audio,
    "transcribe": run_transcribe,
    "subtitles": run_subtitles,
    "chapters": run_chapters,
    "metadata": run_metadata,
    "thumbnails": run_thumbnails,
}
assert tuple(STAGES) == STAGE_NAMES, "the registry and the stored stage names must agree"
