"""The worker's transactions for publications: each call is one committed unit of work."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.publication import Publication
from echo_core.models.publication_status import PublicationStatus
from echo_core.operations.publication_queue_repository import PublicationQueueRepository
from echo_core.operations.webhook_announcements import announce_publication_outcome
from echo_core.worker.worker_transactions import WorkerTransactions

ABANDONED_MESSAGE = (
    "Publishing stopped responding {attempts} times (the worker sending the video was lost). "
    "Publish again."
)


class PublicationStore(WorkerTransactions):
    async def claim(
        self, worker_id: str, lease_seconds: float, max_attempts: int
    ) -> Publication | None:
        return await self._in_transaction(
            lambda session: PublicationQueueRepository(session).claim_next(
                worker_id, lease_seconds, max_attempts
            )
        )

    async def fail_abandoned(self, max_attempts: int) -> list[Publication]:
        message = ABANDONED_MESSAGE.format(attempts=max_attempts)

        async def fail(session: AsyncSession) -> list[Publication]:
            failed = await PublicationQueueRepository(session).fail_abandoned(max_attempts, message)
            for publication in failed:
                await announce_publication_outcome(session, publication.id)
            return failed

        return await self._in_transaction(fail)

    async def renew(self, publication_id: str, worker_id: str, lease_seconds: float) -> bool:
        return await self._in_transaction(
            lambda session: PublicationQueueRepository(session).renew_lease(
                publication_id, worker_id, lease_seconds
            )
        )

    async def holds(self, publication_id: str, worker_id: str) -> bool:
        return await self._in_transaction_waiting_out_outages(
            lambda session: PublicationQueueRepository(session).is_held_by(
                publication_id, worker_id
            )
        )

    async def save(self, publication_id: str, worker_id: str, **values: Any) -> bool:
        return await self._in_transaction_waiting_out_outages(
            lambda session: PublicationQueueRepository(session).save(
                publication_id, worker_id, **values
            )
        )

    async def finish(
        self,
        publication_id: str,
        worker_id: str,
        status: PublicationStatus,
        error_message: str | None,
    ) -> bool:
        async def end(session: AsyncSession) -> bool:
            ended = await PublicationQueueRepository(session).finish(
                publication_id, worker_id, status, error_message
            )
            if ended:
                # In the same transaction: the outcome and its announcement land together.
                await announce_publication_outcome(session, publication_id)
            return ended

        return await self._in_transaction_waiting_out_outages(end)

    async def release_for_retry(
        self, publication_id: str, worker_id: str, error_message: str
    ) -> bool:
        return await self._in_transaction_waiting_out_outages(
            lambda session: PublicationQueueRepository(session).release_for_retry(
                publication_id, worker_id, error_message
            )
        )
