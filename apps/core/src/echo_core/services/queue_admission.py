"""The one way into the job queue: uploads, reprocesses and retries all pass here.

A video has at most one job queued or running, and an owner at most
`max_queued_jobs_per_user`. Each admitted job gets a turn, and workers take the lowest
turn first (then the oldest job), so owners are served round-robin: an owner's first
waiting job gets the turn now being served, and each further job one turn after that
owner's last. Someone who queues twenty jobs takes turns 5 to 24, say; someone who uploads
next gets turn 5 and is served after one of them, not after all twenty. Because the turn
is stored with the job, a worker that finishes the first owner's job does not forget it
was that owner's turn.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.errors import ConflictError, QueueFullError
from echo_core.operations.queue_admission_repository import QueueAdmissionRepository

ALREADY_QUEUED = "This video is already queued or being processed."


class QueueAdmission:
    def __init__(self, session: AsyncSession, max_unfinished_per_owner: int) -> None:
        self._queue = QueueAdmissionRepository(session)
        self._max_unfinished = max_unfinished_per_owner

    async def ensure_room(self, owner_id: str) -> None:
        """An early refusal, before an upload's body is received; `admit` has the last word."""
        self._refuse_when_full((await self._queue.owner_backlog(owner_id)).unfinished)

    async def admit(self, owner_id: str, video_id: str) -> int:
        """The turn of a new job for the video, or ConflictError / QueueFullError.

        The owner's queue stays locked until the transaction ends, so concurrent requests
        are checked one after another and two of them never both get in.
        """
        await self._queue.lock_owner_queue(owner_id)
        if await self._queue.video_has_unfinished_job(video_id):
            raise ConflictError(ALREADY_QUEUED)
        backlog = await self._queue.owner_backlog(owner_id)
        self._refuse_when_full(backlog.unfinished)
        in_service = await self._queue.turn_in_service()
        if backlog.last_turn is None:
            return in_service
        return max(in_service, backlog.last_turn + 1)

    def _refuse_when_full(self, unfinished: int) -> None:
        if unfinished >= self._max_unfinished:
            raise QueueFullError(
                f"You already have {self._max_unfinished} videos waiting or being processed. "
                "Wait until one has finished, then try again."
            )
