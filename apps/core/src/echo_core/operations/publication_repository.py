"""Publications as their owner sees them: every query scoped by owner."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.publication import Publication
from echo_core.models.publication_status import UNFINISHED_PUBLICATION_STATUSES


class PublicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, publication: Publication) -> Publication:
        self._session.add(publication)
        await self._session.flush()
        return publication

    async def latest_for_video(self, video_id: str, owner_id: str) -> Publication | None:
        statement = (
            select(Publication)
            .where(Publication.video_id == video_id, Publication.owner_id == owner_id)
            .order_by(Publication.created_at.desc(), Publication.id.desc())
            .limit(1)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def has_unfinished(self, video_id: str, owner_id: str) -> bool:
        statement = select(Publication.id).where(
            Publication.video_id == video_id,
            Publication.owner_id == owner_id,
            Publication.status.in_(UNFINISHED_PUBLICATION_STATUSES),
        )
        return (await self._session.execute(statement.limit(1))).scalar_one_or_none() is not None
