"""A user's YouTube connection, as the settings page shows it."""

from pydantic import BaseModel, Field


class AuthorizationSchema(BaseModel):
    authorization_url: str = Field(
        description="Google's consent page; the browser goes there, and Google sends it "
        "back to /api/youtube/callback"
    )


class YouTubeConnectionSchema(BaseModel):
    configured: bool = Field(description="This instance has a Google client to connect with")
    connected: bool = Field(description="A channel is connected and usable")
    channel_title: str | None = Field(description="The connected channel's title")
    needs_reconnect: bool = Field(
        description="Google no longer accepts the connection: connect the channel again"
    )
    message: str | None = Field(description="Why the connection must be made again")


class YouTubeDisconnectionSchema(BaseModel):
    revoked: bool = Field(
        description="Google revoked Echo's access; false: Google could not be asked, and "
        "the channel is forgotten by Echo anyway"
    )
    message: str
