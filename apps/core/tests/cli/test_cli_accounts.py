"""`echo-core migrate` and `echo-core create-user`, run as real commands."""

from pathlib import Path

import pytest
from sqlalchemy import text

from echo_core.db import create_engine
from tests.cli_runs import clean_env, run_cli

PASSWORD = "correct horse battery"


def test_migrate_creates_the_sqlite_database_and_can_run_again(tmp_path: Path) -> None:
    env = clean_env(ECHO_DATA_DIR=str(tmp_path / "data"))

    first = run_cli("migrate", cwd=tmp_path, env=env)
    again = run_cli("migrate", cwd=tmp_path, env=env)

    assert first.returncode == 0, first.stderr
    assert again.returncode == 0, again.stderr
    assert "Database is up to date" in first.stdout
    assert (tmp_path / "data" / "echo.db").is_file()


async def stored_emails(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT email FROM users"))
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


async def test_create_user_once_then_twice_is_a_clear_error(
    database_url: str, tmp_path: Path
) -> None:
    env = clean_env(
        ECHO_DATA_DIR=str(tmp_path / "data"),
        ECHO_DATABASE_URL=database_url,
        ECHO_NEW_USER_PASSWORD=PASSWORD,
    )

    created = run_cli("create-user", "creator@example.com", cwd=tmp_path, env=env)
    again = run_cli("create-user", "creator@example.com", cwd=tmp_path, env=env)

    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("Created user creator@example.com (")
    assert again.returncode == 1
    assert again.stderr.strip() == "error: An account with this email already exists."
    assert await stored_emails(database_url) == ["creator@example.com"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_create_user_refuses_a_weak_password(database_url: str, tmp_path: Path) -> None:
    env = clean_env(
        ECHO_DATA_DIR=str(tmp_path / "data"),
        ECHO_DATABASE_URL=database_url,
        ECHO_NEW_USER_PASSWORD="short",
    )

    result = run_cli("create-user", "creator@example.com", cwd=tmp_path, env=env)

    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "password" in result.stderr.lower()
    assert await stored_emails(database_url) == []


async def admins(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT email FROM users WHERE is_admin ORDER BY email")
            )
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_first_account_and_those_made_with_admin_are_admins(
    database_url: str, tmp_path: Path
) -> None:
    env = clean_env(
        ECHO_DATA_DIR=str(tmp_path / "data"),
        ECHO_DATABASE_URL=database_url,
        ECHO_NEW_USER_PASSWORD=PASSWORD,
    )

    first = run_cli("create-user", "first@example.com", cwd=tmp_path, env=env)
    creator = run_cli("create-user", "creator@example.com", cwd=tmp_path, env=env)
    second_admin = run_cli("create-user", "--admin", "ops@example.com", cwd=tmp_path, env=env)

    assert first.stdout.strip().endswith(", an admin"), first.stdout + first.stderr
    assert not creator.stdout.strip().endswith(", an admin")
    assert second_admin.stdout.strip().endswith(", an admin")
    assert await admins(database_url) == ["first@example.com", "ops@example.com"]
