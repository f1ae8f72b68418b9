"""The statements that decide whether a job may join the queue, and at which turn."""

from dataclasses import dataclass

from sqlalchemy import false, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.processing_status import UNFINISHED_STATUSES
from echo_core.models.video import Video
from echo_core.models.video_job import VideoJob

# The first key of PostgreSQL's two-key advisory locks: "echo" in ASCII, so that these
# locks never meet another application's on the same server.
_OWNER_QUEUE_LOCK = 0x6563686F


@dataclass(frozen=True)
class OwnerBacklog:
    unfinished: int
    """The owner's jobs queued or running."""
    last_turn: int | None
    """The highest turn among them; None when there are none."""


class QueueAdmissionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_owner_queue(self, owner_id: str) -> None:
        """Hold the owner's queue until the transaction ends, so that the checks and the
        insert of concurrent requests from one owner happen one after another."""
        if self._session.get_bind().dialect.name == "postgresql":
            lock = func.pg_advisory_xact_lock(_OWNER_QUEUE_LOCK, func.hashtext(owner_id))
            await self._session.execute(select(lock))
            return
        # SQLite has a single writer: a write, even one that matches no row, takes the
        # database's write lock and holds it until commit.
        await self._session.execute(
            update(VideoJob)
            .where(false())
            .values(queue_turn=VideoJob.queue_turn)
            .execution_options(synchronize_session=False)
        )

    async def video_has_unfinished_job(self, video_id: str) -> bool:
        statement = select(VideoJob.id).where(
            VideoJob.video_id == video_id, VideoJob.status.in_(UNFINISHED_STATUSES)
        )
        return (await self._session.execute(statement.limit(1))).first() is not None

    async def owner_backlog(self, owner_id: str) -> OwnerBacklog:
        statement = (
            select(func.count(VideoJob.id), func.max(VideoJob.queue_turn))
            .join(Video, Video.id == VideoJob.video_id)
            .where(Video.uploader_user_id == owner_id, VideoJob.status.in_(UNFINISHED_STATUSES))
        )
        unfinished, last_turn = (await self._session.execute(statement)).one()
        return OwnerBacklog(unfinished=unfinished, last_turn=last_turn)

    async def turn_in_service(self) -> int:
        """The highest turn a worker has taken (0 before the first claim)."""
        statement = (
            select(VideoJob.queue_turn)
            .where(VideoJob.started_at.is_not(None))
            .order_by(VideoJob.queue_turn.desc())
            .limit(1)
        )
        return await self._session.scalar(statement) or 0
