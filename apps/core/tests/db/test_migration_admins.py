"""Upgrading an instance that already has accounts makes its oldest account the admin, and
the accounts made afterwards are not."""

import asyncio
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import column, insert, select, table, text

from echo_core.db import create_engine, create_session_factory
from echo_core.migrate import alembic_config, upgrade_to_head_async
from echo_core.models import User
from echo_core.services.auth_service import AuthService

BEFORE_ADMINS = "0004"
JOINED_AT = datetime(2025, 1, 1, tzinfo=UTC)


async def test_upgrade_makes_the_oldest_account_the_admin(database_url: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), BEFORE_ADMINS)
    users_0004 = table(
        "users", *(column(c.name, c.type) for c in User.__table__.c if c.name != "is_admin")
    )
    engine = create_engine(database_url)
    try:
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
    finally:
        await engine.dispose()

    assert list(admins) == ["oldest"]
    assert late.is_admin is False
    assert [row[0] for row in rows] == [1]
