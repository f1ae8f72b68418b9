"""Announcing an event to its owner's webhooks: one delivery row per subscribed webhook,
written in the caller's transaction, so the event and its deliveries land together and
the sending happens later, in the workers, never holding up the caller.

A job's end announces `job.*` and a publication's end `publication.*`, each in the
transaction that records the outcome."""

import json
import uuid
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.publication import Publication
from echo_core.models.publication_status import PublicationStatus
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob
from echo_core.models.video_metadata import VideoMetadata
from echo_core.models.webhook import Webhook
from echo_core.models.webhook_delivery import WebhookDelivery
from echo_core.webhooks.event_types import WebhookEventType


@dataclass(frozen=True)
class WebhookEventData:
    video_id: str
    job_id: str | None
    status: str
    title: str | None
    error: str | None


async def announce_webhook_event(
    session: AsyncSession, owner_id: str, event_type: WebhookEventType, data: WebhookEventData
) -> int:
    """Queue the event for each of the owner's webhooks that asked for it; how many."""
    webhooks = (await session.scalars(select(Webhook).where(Webhook.owner_id == owner_id))).all()
    subscribed = [webhook for webhook in webhooks if event_type in webhook.events]
    if not subscribed:
        return 0
    event_id = str(uuid.uuid4())
    now = utcnow()
    body = json.dumps(
        {"id": event_id, "type": event_type, "created_at": now.isoformat(), "data": asdict(data)},
        separators=(",", ":"),
    )
    for webhook in subscribed:
        session.add(
            WebhookDelivery(
                webhook_id=webhook.id,
                event_id=event_id,
                event_type=event_type,
                body=body,
                next_attempt_at=now,
                created_at=now,
            )
        )
    await session.flush()
    return len(subscribed)


async def announce_job_outcome(session: AsyncSession, job: VideoJob) -> int:
    """`job.completed` or `job.failed` for a job that just ended (its video loaded)."""
    event_type: WebhookEventType = (
        "job.completed" if job.status == ProcessingStatus.COMPLETED else "job.failed"
    )
    title = await session.scalar(select(VideoMetadata.title).where(VideoMetadata.job_id == job.id))
    data = WebhookEventData(
        video_id=job.video_id,
        job_id=job.id,
        status=job.status.value.lower(),
        title=title or job.video.original_filename,
        error=job.error_message,
    )
    return await announce_webhook_event(session, job.video.uploader_user_id, event_type, data)


async def announce_publication_outcome(session: AsyncSession, publication_id: str) -> int:
    """`publication.completed` or `publication.failed` for a publication that just ended."""
    row = (
        await session.execute(
            select(
                Publication.owner_id,
                Publication.video_id,
                Publication.job_id,
                Publication.status,
                Publication.error_message,
                VideoMetadata.title,
                Video.original_filename,
            )
            .join(Video, Video.id == Publication.video_id)
            .outerjoin(VideoMetadata, VideoMetadata.job_id == Publication.job_id)
            .where(Publication.id == publication_id)
        )
    ).one_or_none()
    if row is None or row.status not in (PublicationStatus.COMPLETED, PublicationStatus.FAILED):
        return 0
    event_type: WebhookEventType = (
        "publication.completed"
        if row.status == PublicationStatus.COMPLETED
        else "publication.failed"
    )
    data = WebhookEventData(
        video_id=row.video_id,
        job_id=row.job_id,
        status=row.status.value.lower(),
        title=row.title or row.original_filename,
        error=row.error_message,
    )
    return await announce_webhook_event(session, row.owner_id, event_type, data)
