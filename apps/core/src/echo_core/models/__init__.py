"""Every model, imported so the metadata is complete for Alembic and the mappers."""

from echo_core.models.api_token import ApiToken
from echo_core.models.base import Base
from echo_core.models.instance_settings import InstanceSettings
from echo_core.models.login_throttle import LoginThrottle
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.publication import Publication
from echo_core.models.revoked_token import RevokedToken
from echo_core.models.spoken_segment import SpokenSegment
from echo_core.models.user import User
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.models.webhook import Webhook
from echo_core.models.webhook_delivery import WebhookDelivery
from echo_core.models.worker_heartbeat import WorkerHeartbeat
from echo_core.models.youtube_connection import YouTubeConnection
from echo_core.models.youtube_oauth_state import YouTubeOAuthState

__all__ = [
    "ApiToken",
    "Base",
    "InstanceSettings",
    "LoginThrottle",
    "ProcessingStatus",
    "Publication",
    "RevokedToken",
    "SpokenSegment",
    "User",
    "Video",
    "VideoJob",
    "VideoMetadata",
    "Webhook",
    "WebhookDelivery",
    "WorkerHeartbeat",
    "YouTubeConnection",
    "YouTubeOAuthState",
]
