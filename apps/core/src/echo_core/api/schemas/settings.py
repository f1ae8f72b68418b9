"""The instance's settings, as its admins see and change them."""

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from echo_core.pipeline.text.saved_choice import TextEngineKind


def _no_spaces_or_controls(value: str) -> str:
    # A key travels in an HTTP header: a space or line break there would corrupt the request.
    if any(character.isspace() or ord(character) < 32 for character in value):
        raise ValueError("An API key has no spaces, line breaks or control characters.")
    return value


def _http_url(value: str) -> str:
    url = urlsplit(value)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ValueError("A base URL starts with http:// or https:// and names a host.")
    return value.rstrip("/")


BaseUrl = Annotated[str, Field(max_length=2048), AfterValidator(_http_url)]
ModelName = Annotated[str, Field(min_length=1, max_length=255, pattern=r"^\S(.*\S)?$")]
ApiKey = Annotated[
    str, Field(min_length=1, max_length=1024), AfterValidator(_no_spaces_or_controls)
]


class TextEngineDefaultsSchema(BaseModel):
    """What a kind uses when nothing is saved for it in the app (the `ECHO_*` variables)."""

    kind: TextEngineKind
    base_url: str
    model: str | None = Field(description="None: the first model the Ollama server lists")
    takes_api_key: bool
    environment_api_key_set: bool = Field(
        description="An ECHO_* key is set; it is only sent to the environment's base URL"
    )


class TextEngineSettingsSchema(BaseModel):
    kind: TextEngineKind = Field(description="In effect: saved here, else ECHO_TEXT_ENGINE")
    base_url: str | None = Field(description="Saved here; None uses the kind's default")
    model: str | None = Field(description="Saved here; None uses the kind's default")
    api_key_set: bool = Field(description="A key is saved here; it is never shown")
    defaults: list[TextEngineDefaultsSchema]


class SettingsSchema(BaseModel):
    text_engine: TextEngineSettingsSchema


class TextEngineUpdateSchema(BaseModel):
    """Only the fields sent change; null puts one back to its default (and removes the key).
    A new kind or base URL drops the saved key unless `api_key` comes with it."""

    model_config = ConfigDict(extra="forbid")

    kind: TextEngineKind | None = Field(default=None, description="null: ECHO_TEXT_ENGINE")
    base_url: BaseUrl | None = None
    model: ModelName | None = None
    api_key: ApiKey | None = None


class SettingsUpdateSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text_engine: TextEngineUpdateSchema


class TextEngineTestSchema(BaseModel):
    ok: bool = Field(description="The engine answered as a job needs it to")
    engine: str = Field(description="As a job would record it, e.g. `ollama:llama3.2:3b`")
    message: str = Field(description="What happened, in words")
