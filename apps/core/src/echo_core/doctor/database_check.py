"""Whether the database answers, and whether its schema is the one this Echo expects."""

import asyncio
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from echo_core.config import Settings
from echo_core.db import create_engine, is_sqlite
from echo_core.doctor.finding import Finding, describe_error, failed, note, ok
from echo_core.migrate import alembic_config

SUBJECT = "database"
# A server that has not answered by then will not answer a request either.
CONNECT_TIMEOUT_SECONDS = 5.0
MIGRATE_ADVICE = "run `echo-core migrate` (`serve` and `worker` also migrate when they start)"


def displayed_url(url: str) -> str:
    """The URL as it may be shown: the password replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)


async def check_database(settings: Settings) -> Finding:
    url = settings.resolved_database_url
    shown = displayed_url(url)
    if sqlite_file_missing(url):
        return note(SUBJECT, f"{shown} does not exist yet", MIGRATE_ADVICE)
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
            current = await _current_revision(url)
    except TimeoutError:
        return failed(
            SUBJECT,
            f"{shown}: no answer within {CONNECT_TIMEOUT_SECONDS:g} s",
            "start the database server, or correct ECHO_DATABASE_URL",
        )
    except Exception as error:  # refused, unknown host, wrong password, not a database...
        return failed(
            SUBJECT,
            f"{shown}: cannot connect ({describe_error(error)})",
            "start the database server, or correct ECHO_DATABASE_URL",
        )
    return _migration_finding(shown, url, current)


def sqlite_file_missing(url: str) -> bool:
    # Connecting would create an empty SQLite file; the doctor only looks.
    if not is_sqlite(url):
        return False
    database = make_url(url).database
    return bool(database) and database != ":memory:" and not Path(str(database)).exists()


async def _current_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_revision_of)
    finally:
        await engine.dispose()


def _revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _migration_finding(shown: str, url: str, current: str | None) -> Finding:
    scripts = ScriptDirectory.from_config(alembic_config(url))
    heads = scripts.get_heads()
    if current in heads:
        return ok(SUBJECT, f"{shown}: connected, migrations at head ({current})")
    if current is None:
        return note(SUBJECT, f"{shown}: connected, but no migrations applied yet", MIGRATE_ADVICE)
    if current not in {script.revision for script in scripts.walk_revisions()}:
        return failed(
            SUBJECT,
            f"{shown}: at revision {current}, which this version of Echo does not know",
            "run the Echo version that migrated this database, or correct ECHO_DATABASE_URL",
        )
    return note(
        SUBJECT,
        f"{shown}: connected, at revision {current}, head is {', '.join(heads)}",
        MIGRATE_ADVICE,
    )
