from sqlalchemy.ext.asyncio import AsyncSession

from echo_core.models.base import utcnow
from echo_core.models.instance_settings import INSTANCE_SETTINGS_ID, InstanceSettings
from echo_core.operations.dialect_insert import insert_for


class InstanceSettingsRepository:
    """The instance's one row of settings. Not scoped by owner: it belongs to the instance,
    and only admins reach it through the API."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim_first_account(self) -> bool:
        """Create the row if it is missing: True for the one caller that created it.

        The first account to do so is the instance's admin. Race-free on both databases:
        PostgreSQL makes a concurrent insert of the same key wait for this transaction and
        then do nothing; SQLite lets one writer at a time.
        """
        statement = (
            insert_for(self._session, InstanceSettings)
            .values(id=INSTANCE_SETTINGS_ID, updated_at=utcnow())
            .on_conflict_do_nothing(index_elements=[InstanceSettings.id])
        )
        result = await self._session.execute(statement)
        return bool(getattr(result, "rowcount", 0) == 1)

    async def get(self) -> InstanceSettings | None:
        return await self._session.get(InstanceSettings, INSTANCE_SETTINGS_ID)

    async def get_or_create(self) -> InstanceSettings:
        row = await self.get()
        if row is None:
            await self.claim_first_account()
            row = await self.get()
        assert row is not None, "the row was just created"
        return row

    async def flush(self) -> None:
        await self._session.flush()
