"""The API's vocabulary for finding spoken words."""

from pydantic import BaseModel, Field

# Longer than anyone types into a search box, short enough to bound the search's work.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_PAGE = 50


class SnippetPartSchema(BaseModel):
    text: str = Field(description="Plain text, never HTML")
    match: bool = Field(description="Whether this part is a word the search found")


class SpokenMatchSchema(BaseModel):
    video_id: str
    title: str = Field(description="The video's title, or its file's name before it has one")
    start: float = Field(description="Where the segment starts, in seconds")
    end: float = Field(description="Where the segment ends, in seconds")
    snippet: list[SnippetPartSchema] = Field(
        description="The segment's text in parts, the matched words marked; a long segment "
        "is cut around its first match, the cuts shown as '…'"
    )
