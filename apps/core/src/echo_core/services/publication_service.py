"""Publishing a finished video to its owner's YouTube channel: queued here, sent by a
worker (worker/publication_runner.py), never in the request."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.errors import ConflictError, InvalidInputError, NotFoundError
from echo_core.events.bus import EventBus
from echo_core.events.publication_event import publication_event
from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.publication import Publication
from echo_core.operations.publication_repository import PublicationRepository
from echo_core.operations.video_repository import VideoRepository
from echo_core.operations.youtube_connection_repository import YouTubeConnectionRepository
from echo_core.services.job_announcements import announce_after_commit
from echo_core.youtube.categories import CATEGORY_IDS
from echo_core.youtube.errors import YouTubeConnectionLost, YouTubeNotConnected
from echo_core.youtube.video_resource import PrivacyStatus, PublishChoices

VIDEO_NOT_FOUND = "Video not found."
NOT_FINISHED = "This video's processing has not finished: publish it once it has."
ALREADY_PUBLISHING = "This video is already being published: wait for that to finish."
NOTHING_PUBLISHED = "This video has not been published."
SCHEDULE_NEEDS_PRIVATE = (
    "A scheduled video stays private until its time: choose private to schedule it."
)
# Far enough for any plan; near enough that every date stays a date (year 9999 does not).
MAX_SCHEDULE_YEARS = 10
SCHEDULE_IN_PAST = "The time to publish at has passed: choose a time in the future."
SCHEDULE_TOO_FAR = "Choose a time to publish at within the next {years} years."
UNKNOWN_CATEGORY = "YouTube has no such category: choose one of the list."


@dataclass(frozen=True)
class PublishRequest:
    privacy_status: PrivacyStatus
    publish_at: datetime | None
    category_id: str | None
    made_for_kids: bool


class PublicationService:
    def __init__(self, session: AsyncSession, events: EventBus) -> None:
        self._session = session
        self._events = events
        self._videos = VideoRepository(session)
        self._publications = PublicationRepository(session)
        self._connections = YouTubeConnectionRepository(session)

    async def publish(self, owner_id: str, video_id: str, request: PublishRequest) -> Publication:
        found = await self._videos.get_with_latest_job(video_id, owner_id)
        if found is None:
            raise NotFoundError(VIDEO_NOT_FOUND)
        if found.job is None or found.job.status != ProcessingStatus.COMPLETED:
            raise ConflictError(NOT_FINISHED)
        connection = await self._connections.get(owner_id)
        if connection is None:
            raise YouTubeNotConnected()
        if connection.needs_reconnect:
            raise YouTubeConnectionLost(connection.problem or YouTubeConnectionLost().message)
        choices = _checked(request)
        if await self._publications.has_unfinished(video_id, owner_id):
            raise ConflictError(ALREADY_PUBLISHING)
        publication = Publication(
            video_id=video_id,
            job_id=found.job.id,
            owner_id=owner_id,
            privacy_status=choices.privacy_status.value,
            publish_at=choices.publish_at,
            category_id=choices.category_id,
            made_for_kids=choices.made_for_kids,
            progress=0.0,
            bytes_uploaded=0,
            captions_done=False,
            thumbnail_done=False,
            attempts=0,
        )
        try:
            # A savepoint: a concurrent press that won the unique index leaves this
            # request's session usable for its error.
            async with self._session.begin_nested():
                await self._publications.add(publication)
        except IntegrityError as error:
            raise ConflictError(ALREADY_PUBLISHING) from error
        announce_after_commit(self._session, self._events, publication_event(publication))
        return publication

    async def latest(self, owner_id: str, video_id: str) -> Publication:
        if await self._videos.get_with_latest_job(video_id, owner_id) is None:
            raise NotFoundError(VIDEO_NOT_FOUND)
        publication = await self._publications.latest_for_video(video_id, owner_id)
        if publication is None:
            raise NotFoundError(NOTHING_PUBLISHED)
        return publication


def _checked(request: PublishRequest) -> PublishChoices:
    if request.category_id is not None and request.category_id not in CATEGORY_IDS:
        raise InvalidInputError(UNKNOWN_CATEGORY, "category_id")
    if request.publish_at is not None:
        if request.privacy_status != PrivacyStatus.PRIVATE:
            raise InvalidInputError(SCHEDULE_NEEDS_PRIVATE, "publish_at")
        if request.publish_at <= utcnow():
            raise InvalidInputError(SCHEDULE_IN_PAST, "publish_at")
        if request.publish_at > utcnow() + timedelta(days=365 * MAX_SCHEDULE_YEARS):
            raise InvalidInputError(SCHEDULE_TOO_FAR.format(years=MAX_SCHEDULE_YEARS), "publish_at")
    return PublishChoices(
        request.privacy_status, request.publish_at, request.category_id, request.made_for_kids
    )
