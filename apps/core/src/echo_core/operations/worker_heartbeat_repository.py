"""Heartbeats of running workers (instance-wide: workers belong to no owner)."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.worker_heartbeat import WorkerHeartbeat
from echo_core.operations.dialect_insert import insert_for


class WorkerHeartbeatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def beat(self, worker_id: str, now: datetime) -> None:
        statement = insert_for(self._session, WorkerHeartbeat).values(
            worker_id=worker_id, started_at=now, seen_at=now
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[WorkerHeartbeat.worker_id], set_={"seen_at": now}
            )
        )

    async def forget(self, worker_id: str) -> None:
        await self._session.execute(
            delete(WorkerHeartbeat).where(WorkerHeartbeat.worker_id == worker_id)
        )

    async def prune_older_than(self, cutoff: datetime) -> None:
        await self._session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.seen_at < cutoff))

    async def count_seen_since(self, since: datetime) -> int:
        statement = select(func.count()).where(WorkerHeartbeat.seen_at >= since)
        return int((await self._session.execute(statement)).scalar_one())
