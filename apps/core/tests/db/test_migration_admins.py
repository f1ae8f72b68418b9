"""Upgrading an instance that already has accounts makes its oldest account the admin, and
the accounts made afterwards are not."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, text

from echo_core.db import create_session_factory
from echo_core.migrate import upgrade_to_head_async
from echo_core.models import User
from echo_core.services.auth_service import AuthService
from tests.db.earlier_revisions import downgrade_to, engine_of, table_without

BEFORE_ADMINS = "0004"
JOINED_AT = datetime(2025, 1, 1, tzinfo=UTC)


async def test_upgrade_makes_the_oldest_account_the_admin(database_url: str) -> None:
    await downgrade_to(database_url, BEFORE_ADMINS)
    users_0004 = table_without(User, "is_admin")
    async with engine_of(database_url) as engine:
        async with engine.begin() as connection:
            for user_id, days in (("newer", 3), ("oldest", 1), ("middle", 2)):
                joined = JOINED_AT + timedelta(days=days)
                await connection.execute(
                    insert(users_0004).values(
                        id=user_id,
                        email=f"{user_id}@example.com",
                        password_hash="not-a-real-hash",
                        created_at=joined,
                        updated_at=joined,
                    )
                )

        await upgrade_to_head_async(database_url)

        async with create_session_factory(engine)() as session:
            late = await AuthService(session).register("late@example.com", "correct horse battery")
            await session.commit()
        async with engine.connect() as connection:
            admins = (await connection.execute(select(User.id).where(User.is_admin))).scalars()
            rows = (await connection.execute(text("SELECT id FROM instance_settings"))).all()

    assert list(admins) == ["oldest"]
    assert late.is_admin is False
    assert [row[0] for row in rows] == [1]
