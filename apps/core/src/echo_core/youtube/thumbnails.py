"""thumbnails.set: the thumbnail the creator chose."""

import httpx

from echo_core.youtube.upload_errors import YouTubeError
from echo_core.youtube.youtube_client import YouTubeClient

THUMBNAILS_UPLOAD_PATH = "/upload/youtube/v3/thumbnails/set"
# YouTube refuses custom thumbnails over 2 MB.
MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024


async def set_thumbnail(client: YouTubeClient, video_id: str, jpeg: bytes) -> None:
    if len(jpeg) > MAX_THUMBNAIL_BYTES:
        raise YouTubeError("The chosen thumbnail is larger than YouTube's 2 MB.", permanent=True)

    def build(authorization: dict[str, str]) -> httpx.Request:
        return client.http.build_request(
            "POST",
            client.api_url + THUMBNAILS_UPLOAD_PATH,
            params={"videoId": video_id, "uploadType": "media"},
            headers={**authorization, "Content-Type": "image/jpeg"},
            content=jpeg,
        )

    await client.send(build, "set the thumbnail")
