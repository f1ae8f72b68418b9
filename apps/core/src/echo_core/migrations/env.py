"""Alembic environment: runs migrations through the async engine on either database."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from echo_core.db import create_engine, is_sqlite
from echo_core.models import Base
from echo_core.models.spoken_segment import include_in_schema_comparison

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=is_sqlite(str(connection.engine.url)),
        compare_type=True,
        include_name=include_in_schema_comparison,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: str) -> None:
    engine = create_engine(url)
    async with engine.connect() as connection:
        if is_sqlite(url):
            # Batch mode rebuilds a table by dropping it; with foreign keys on, the drop would
            # cascade and delete every row that refers to it (a job's metadata, a video's jobs).
            await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await connection.commit()
        await connection.run_sync(_configure)
    await engine.dispose()


def run() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("sqlalchemy.url is not set for the migration")
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    asyncio.run(_run_online(url))


run()
