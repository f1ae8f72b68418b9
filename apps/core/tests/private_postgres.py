"""A PostgreSQL server of the test's own, which it may stop and restart at will.

The shared server on 127.0.0.1:5432 serves every other test (and other people's runs), so
tests that take the database away start this one instead: a fresh cluster in a temporary
directory, on a free loopback port, with trust authentication, removed at the end.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from echo_core.events.postgres_bus import asyncpg_dsn
from echo_core.migrate import upgrade_to_head_async
from tests.live_server import free_port

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


def unavailable_reason() -> str | None:
    """Why a private server cannot be started here, or None when it can."""
    if not (POSTGRES_BIN / "initdb").is_file():
        return f"no PostgreSQL 15 binaries in {POSTGRES_BIN}"
    if os.geteuid() != 0:
        return "starting a private PostgreSQL needs root (to run it as the postgres user)"
    return None


@dataclass(frozen=True)
class PrivatePostgres:
    root: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def admin_url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    async def migrated_database(self, database: str) -> str:
        """Creates `database`, migrates it to the newest revision and returns its URL."""
        admin = await asyncpg.connect(asyncpg_dsn(self.admin_url))
        try:
            await admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            await admin.close()
        await upgrade_to_head_async(self.url(database))
        return self.url(database)

    def restart(self, down_seconds: float) -> None:
        """Stop (fast: every connection is cut), stay down a while, start; returns once the
        server accepts connections again.

        A bare `pg_ctl restart` is over in a fraction of a second, quick enough to fall
        between two queries; staying down longer than a lease is what a real restart (or a
        failover) does to workers.
        """
        self.pg_ctl("stop", "-m", "fast")
        time.sleep(down_seconds)
        self.pg_ctl("start")

    def pg_ctl(self, *args: str) -> None:
        # The server's output goes to a file: were it left on our pipe, it would hold it
        # open for the server's whole life and pg_ctl's caller would wait for ever.
        _as_postgres(
            str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data_dir), "-l",
            str(self.root / "server.log"), "-w", *args,
        )  # fmt: skip


def _as_postgres(*command: str) -> None:
    # PostgreSQL refuses to run as root.
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        capture_output=True,
        timeout=60,
    )


@contextlib.contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    root = Path(tempfile.mkdtemp(prefix="echo-private-pg-"))
    shutil.chown(root, user="postgres", group="postgres")
    server = PrivatePostgres(root=root, port=free_port())
    try:
        _as_postgres(
            str(POSTGRES_BIN / "initdb"), "-D", str(server.data_dir), "-U", "postgres",
            "-A", "trust", "--no-sync",
        )  # fmt: skip
        # In the cluster's own configuration, so every start uses them. fsync off: the
        # tests restart the server, they never lose the machine.
        with (server.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {server.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{root}'\nfsync = off\n"
            )
        server.pg_ctl("start")
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(root, ignore_errors=True)
