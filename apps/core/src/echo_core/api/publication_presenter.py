"""A publication as the API answers it, with the video's address on YouTube."""

from echo_core.api.schemas.publications import PublicationSchema
from echo_core.models.publication import Publication
from echo_core.youtube.video_resource import PrivacyStatus

YOUTUBE_WATCH_URL = "https://www.youtube.com/watch?v={video_id}"


def publication_schema(publication: Publication) -> PublicationSchema:
    video_id = publication.youtube_video_id
    return PublicationSchema(
        id=publication.id,
        status=publication.status,
        progress=publication.progress,
        privacy_status=PrivacyStatus(publication.privacy_status),
        publish_at=publication.publish_at,
        youtube_video_id=video_id,
        url=YOUTUBE_WATCH_URL.format(video_id=video_id) if video_id else None,
        error_message=publication.error_message,
        created_at=publication.created_at,
        finished_at=publication.finished_at,
    )
