"""Sends webhook deliveries from the queue, beside the job slots of every worker.

A failed attempt is due again after `webhook_retry_seconds`, then 3 times longer each
time: with the defaults (30 s, 6 attempts) the last try is about an hour after the first."""

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.db import is_connection_error
from echo_core.models.base import utcnow
from echo_core.operations.webhook_delivery_queue_repository import (
    AttemptOutcome,
    ClaimedDelivery,
    WebhookDeliveryQueueRepository,
)
from echo_core.transaction import run_in_own_transaction
from echo_core.webhooks.signed_post import post_signed

logger = logging.getLogger(__name__)
RETRY_GROWTH = 3
# How often an idle sender looks for due deliveries (a retry's time comes by the clock,
# which nothing announces).
IDLE_POLL_SECONDS = 1.0
SECRET_LOST = "The webhook's secret cannot be read: the instance's secret key changed."
WORKER_STOPPED = "The worker sending it stopped before the answer was recorded."


def retry_delay(settings: Settings, attempt: int) -> timedelta:
    return timedelta(seconds=settings.webhook_retry_seconds * RETRY_GROWTH ** (attempt - 1))


class WebhookSender:
    def __init__(
        self,
        settings: Settings,
        session_factory: async_sessionmaker[AsyncSession],
        worker_id: str,
    ) -> None:
        self._settings = settings
        self._session_factory = session_factory
        self._worker_id = worker_id
        self._box = SecretBox.from_settings(settings)

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                sent = await self.send_one()
            except Exception as error:
                if is_connection_error(error):
                    logger.warning("webhooks: database unreachable: %s", error)
                else:
                    logger.exception("webhooks: could not claim or send a delivery")
                sent = False
            if not sent:
                # Never longer than half the first retry's wait, so retries keep their time.
                idle = min(IDLE_POLL_SECONDS, self._settings.webhook_retry_seconds / 2)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), idle)

    async def send_one(self) -> bool:
        """Claim one due delivery and attempt it; False when none was due."""
        # The lease outlasts the attempt, whose every step is bounded by the timeout.
        lease = self._settings.webhook_timeout_seconds * 2 + 10
        max_attempts = self._settings.webhook_max_attempts

        async def claim(session: AsyncSession) -> ClaimedDelivery | None:
            queue = WebhookDeliveryQueueRepository(session)
            await queue.end_abandoned_attempts(lease, max_attempts, WORKER_STOPPED)
            return await queue.claim_next(self._worker_id, lease, max_attempts)

        claimed = await run_in_own_transaction(self._session_factory, claim)
        if claimed is None:
            return False
        outcome = await self._attempt(claimed)
        retry_at = self._retry_at(claimed, outcome)
        await run_in_own_transaction(
            self._session_factory,
            lambda session: WebhookDeliveryQueueRepository(session).record_attempt(
                claimed.id, self._worker_id, outcome, retry_at
            ),
        )
        logger.info(
            "webhook delivery %s (event %s) attempt %d: %s",
            claimed.id,
            claimed.event_id,
            claimed.attempt,
            outcome.error or f"delivered ({outcome.status_code})",
        )
        return True

    async def _attempt(self, claimed: ClaimedDelivery) -> AttemptOutcome:
        secret = self._box.open(claimed.secret_encrypted)
        if secret is None:
            return AttemptOutcome(utcnow(), None, SECRET_LOST)
        started = utcnow()
        result = await post_signed(
            claimed.url,
            claimed.body,
            claimed.event_id,
            secret,
            self._settings.webhook_allow_private,
            self._settings.webhook_timeout_seconds,
        )
        return AttemptOutcome(started, result.status_code, result.error)

    def _retry_at(self, claimed: ClaimedDelivery, outcome: AttemptOutcome) -> datetime | None:
        if outcome.delivered or claimed.attempt >= self._settings.webhook_max_attempts:
            return None
        return utcnow() + retry_delay(self._settings, claimed.attempt)
