"""Publishing a video to YouTube, and how it stands."""

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from echo_core.models.publication_status import PublicationStatus
from echo_core.youtube.video_resource import PrivacyStatus


class PublishRequestSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    privacy_status: PrivacyStatus = Field(description="Who may watch it on YouTube")
    publish_at: AwareDatetime | None = Field(
        default=None,
        description="Make it public at this time (with a time zone); needs privacy_status private",
    )
    category_id: str | None = Field(
        default=None,
        max_length=8,
        description="One of GET /api/youtube/categories; unset: 22, People & Blogs",
    )
    made_for_kids: bool = Field(
        default=False, description="The creator's declaration that the video is made for kids"
    )


class PublicationSchema(BaseModel):
    id: str
    status: PublicationStatus
    progress: float = Field(description="Share of the video's bytes YouTube has received, 0-1")
    privacy_status: PrivacyStatus
    publish_at: datetime | None
    youtube_video_id: str | None
    url: str | None = Field(description="The video on YouTube, once it is there")
    error_message: str | None = Field(
        description="Why it failed, or why an attempt failed and will be tried again"
    )
    created_at: datetime
    finished_at: datetime | None


class CategorySchema(BaseModel):
    id: str
    title: str
