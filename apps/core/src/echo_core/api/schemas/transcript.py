"""The transcript as its editor reads and writes it."""

from pydantic import BaseModel, ConfigDict, Field

from echo_core.api.schemas.videos import TranscriptSegmentSchema

# Bounds on one edit: a line longer than a few sentences is no subtitle, and hours of speech
# are a few thousand lines. They keep the word alignment's work small.
MAX_SEGMENT_CHARS = 2000
MAX_SEGMENTS = 20_000


class EditableSegmentSchema(TranscriptSegmentSchema):
    id: str = Field(description="Stable while the line exists; send it back with an edit")


class TranscriptResponseSchema(BaseModel):
    version: int = Field(description="Send it back with an edit; a stale one answers 409")
    language: str | None
    edited: bool = Field(description="Whether the creator changed the recognizer's transcript")
    segments: list[EditableSegmentSchema]
    original: list[TranscriptSegmentSchema] | None = Field(
        description="The recognizer's transcript, once the creator edited it (after a "
        "reprocess that kept the edit, the new one): to compare, or restore"
    )


class SegmentEditSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(max_length=64, description="A line's id, or null for a new line")
    start: float = Field(ge=0)
    end: float = Field(ge=0)
    text: str = Field(max_length=MAX_SEGMENT_CHARS)


class TranscriptEditSchema(BaseModel):
    """The whole transcript as the editor has it: every line, in order."""

    model_config = ConfigDict(extra="forbid")

    version: int
    segments: list[SegmentEditSchema] = Field(max_length=MAX_SEGMENTS)


class TranscriptRestoreSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
