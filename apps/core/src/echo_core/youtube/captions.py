"""captions.insert: the video's subtitles as a caption track, in its language."""

import json
import secrets

import httpx

from echo_core.youtube.youtube_client import YouTubeClient

CAPTIONS_UPLOAD_PATH = "/upload/youtube/v3/captions"


def multipart_related(
    metadata: dict[str, object], media: bytes, media_type: str
) -> tuple[bytes, str]:
    """Google's `uploadType=multipart` body: the resource as JSON, then the media; and its
    Content-Type."""
    boundary = f"echo-{secrets.token_hex(16)}"
    head = (
        f"--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
        f"{json.dumps(metadata)}\r\n"
        f"--{boundary}\r\nContent-Type: {media_type}\r\n\r\n"
    ).encode()
    body = head + media + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/related; boundary={boundary}"


async def insert_captions(
    client: YouTubeClient, video_id: str, language: str, name: str, srt: bytes
) -> str:
    """Add the SRT to the video as a published track; the track's id."""
    snippet = {"videoId": video_id, "language": language, "name": name, "isDraft": False}
    body, content_type = multipart_related({"snippet": snippet}, srt, "application/octet-stream")

    def build(authorization: dict[str, str]) -> httpx.Request:
        return client.http.build_request(
            "POST",
            client.api_url + CAPTIONS_UPLOAD_PATH,
            params={"part": "snippet", "uploadType": "multipart"},
            headers={**authorization, "Content-Type": content_type},
            content=body,
        )

    response = await client.send(build, "add the captions")
    return str(response.json().get("id", ""))
