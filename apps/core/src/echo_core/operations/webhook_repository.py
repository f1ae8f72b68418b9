from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.webhook import Webhook
from echo_core.models.webhook_delivery import WebhookDelivery


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, webhook: Webhook) -> Webhook:
        self._session.add(webhook)
        await self._session.flush()
        return webhook

    async def list_for_owner(self, owner_id: str) -> Sequence[Webhook]:
        statement = (
            select(Webhook)
            .where(Webhook.owner_id == owner_id)
            .order_by(Webhook.created_at.desc(), Webhook.id)
        )
        return (await self._session.scalars(statement)).all()

    async def count_for_owner(self, owner_id: str) -> int:
        statement = select(func.count()).select_from(Webhook).where(Webhook.owner_id == owner_id)
        return int((await self._session.execute(statement)).scalar_one())

    async def get_for_owner(self, owner_id: str, webhook_id: str) -> Webhook | None:
        statement = select(Webhook).where(Webhook.id == webhook_id, Webhook.owner_id == owner_id)
        return (await self._session.scalars(statement)).one_or_none()

    async def delete_for_owner(self, owner_id: str, webhook_id: str) -> bool:
        statement = delete(Webhook).where(Webhook.id == webhook_id, Webhook.owner_id == owner_id)
        result = await self._session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def deliveries(self, webhook_id: str, limit: int) -> Sequence[WebhookDelivery]:
        """The webhook's latest deliveries (its owner checked by the caller)."""
        statement = (
            select(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == webhook_id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id)
            .limit(limit)
        )
        return (await self._session.scalars(statement)).all()
