"""Webhooks: a creator's URLs told about their jobs and publications."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.auth.secret_box import SecretBox
from echo_core.config import Settings
from echo_core.errors import ConflictError, InvalidInputError, NotFoundError
from echo_core.models.webhook import Webhook
from echo_core.models.webhook_delivery import WebhookDelivery
from echo_core.operations.webhook_repository import WebhookRepository
from echo_core.webhooks.address_check import WebhookAddressError, resolve_allowed_address
from echo_core.webhooks.signature import new_webhook_secret

MAX_WEBHOOKS_PER_OWNER = 20
# The deliveries listed for a webhook: the latest, enough to see what is going on.
MAX_LISTED_DELIVERIES = 100
NO_SUCH_WEBHOOK = "No such webhook."


class WebhookService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self._webhooks = WebhookRepository(session)
        self._settings = settings

    async def create(self, owner_id: str, url: str, events: list[str]) -> tuple[Webhook, str]:
        """The new webhook and its signing secret, shown this once (kept sealed)."""
        try:
            await resolve_allowed_address(url, self._settings.webhook_allow_private)
        except WebhookAddressError as error:
            raise InvalidInputError(str(error), "url") from error
        if await self._webhooks.count_for_owner(owner_id) >= MAX_WEBHOOKS_PER_OWNER:
            raise ConflictError(
                f"An account can have {MAX_WEBHOOKS_PER_OWNER} webhooks; delete one first."
            )
        secret = new_webhook_secret()
        webhook = Webhook(
            owner_id=owner_id,
            url=url,
            events=sorted(set(events)),
            secret_encrypted=SecretBox.from_settings(self._settings).seal(secret),
        )
        return await self._webhooks.add(webhook), secret

    async def list(self, owner_id: str) -> Sequence[Webhook]:
        return await self._webhooks.list_for_owner(owner_id)

    async def delete(self, owner_id: str, webhook_id: str) -> None:
        """Its queued deliveries go with it: nothing more is sent."""
        if not await self._webhooks.delete_for_owner(owner_id, webhook_id):
            raise NotFoundError(NO_SUCH_WEBHOOK)

    async def deliveries(self, owner_id: str, webhook_id: str) -> Sequence[WebhookDelivery]:
        if await self._webhooks.get_for_owner(owner_id, webhook_id) is None:
            raise NotFoundError(NO_SUCH_WEBHOOK)
        return await self._webhooks.deliveries(webhook_id, MAX_LISTED_DELIVERIES)
