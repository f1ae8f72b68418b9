"""The webhook deliveries as a queue: claimed one at a time with a lease, like jobs, so
any number of workers share them and a dead worker's delivery is taken up again."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.base import utcnow
from echo_core.models.webhook import Webhook
from echo_core.models.webhook_delivery import DeliveryStatus, WebhookDelivery
from echo_core.operations.leased_claim import claim_with_lease


@dataclass(frozen=True)
class ClaimedDelivery:
    id: str
    event_id: str
    body: str
    attempt: int
    url: str
    secret_encrypted: str


@dataclass(frozen=True)
class AttemptOutcome:
    at: datetime
    status_code: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.error is None and self.status_code is not None


# A bound on the clean-up one claim does; more are left to the next claims.
_ABANDONED_PER_CLAIM = 20


def _due(now: datetime, max_attempts: int) -> Any:
    return (
        (WebhookDelivery.status == DeliveryStatus.PENDING)
        & (WebhookDelivery.next_attempt_at <= now)
        & (WebhookDelivery.attempts < max_attempts)
        & or_(WebhookDelivery.lease_expires_at.is_(None), WebhookDelivery.lease_expires_at < now)
    )


class WebhookDeliveryQueueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim_next(
        self, worker_id: str, lease_seconds: float, max_attempts: int
    ) -> ClaimedDelivery | None:
        """The most overdue delivery, leased to this worker."""
        now = utcnow()
        claimed_id = await claim_with_lease(
            self._session,
            WebhookDelivery,
            _due(now, max_attempts),
            (WebhookDelivery.next_attempt_at, WebhookDelivery.id),
            worker_id,
            now + timedelta(seconds=lease_seconds),
        )
        if claimed_id is None:
            return None
        row = (
            await self._session.execute(
                select(WebhookDelivery, Webhook.url, Webhook.secret_encrypted)
                .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
                .where(WebhookDelivery.id == claimed_id)
            )
        ).one()
        delivery: WebhookDelivery = row[0]
        return ClaimedDelivery(
            id=delivery.id,
            event_id=delivery.event_id,
            body=delivery.body,
            attempt=delivery.attempts,
            url=row[1],
            secret_encrypted=row[2],
        )

    async def record_attempt(
        self, delivery_id: str, worker_id: str, outcome: AttemptOutcome, retry_at: datetime | None
    ) -> None:
        """Log the attempt and release the lease: delivered, due again at `retry_at`, or
        failed for good when there is no retry. Nothing when the lease was lost or the
        webhook deleted meanwhile."""
        delivery = (
            await self._session.scalars(
                select(WebhookDelivery).where(
                    WebhookDelivery.id == delivery_id, WebhookDelivery.lease_owner == worker_id
                )
            )
        ).one_or_none()
        if delivery is None:
            return
        _close_attempt(delivery, outcome, retry_at)
        await self._session.flush()

    async def end_abandoned_attempts(
        self, lease_seconds: float, max_attempts: int, reason: str
    ) -> None:
        """Attempts whose worker stopped before recording them (the lease ran out): each
        logged with `reason`, its delivery due again at once, or failed for good when that
        was its last attempt, rather than left pending with no attempt to come."""
        now = utcnow()
        abandoned = await self._session.scalars(
            select(WebhookDelivery)
            .where(
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.lease_expires_at < now,
            )
            .order_by(WebhookDelivery.lease_expires_at)
            .limit(_ABANDONED_PER_CLAIM)
            .with_for_update(skip_locked=True)
        )
        for delivery in abandoned:
            assert delivery.lease_expires_at is not None, "selected for its lease"
            claimed_at = delivery.lease_expires_at - timedelta(seconds=lease_seconds)
            retry_at = now if delivery.attempts < max_attempts else None
            _close_attempt(delivery, AttemptOutcome(claimed_at, None, reason), retry_at)
        await self._session.flush()


def _close_attempt(
    delivery: WebhookDelivery, outcome: AttemptOutcome, retry_at: datetime | None
) -> None:
    entry = {
        "at": outcome.at.isoformat(),
        "status_code": outcome.status_code,
        "error": outcome.error,
    }
    if outcome.delivered:
        delivery.status = DeliveryStatus.DELIVERED
    elif retry_at is not None:
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = retry_at
    else:
        delivery.status = DeliveryStatus.FAILED
    delivery.attempt_log = [*delivery.attempt_log, entry]
    delivery.lease_owner = None
    delivery.lease_expires_at = None
