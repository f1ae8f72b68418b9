"""Every `echo-core` command finds the same data directory, whatever the working directory."""

from pathlib import Path

from tests.cli_runs import clean_env, run_cli

PASSWORD = "correct horse battery"


def home_env(home: Path) -> dict[str, str]:
    env = clean_env(
        HOME=str(home),
        ECHO_NEW_USER_PASSWORD=PASSWORD,
        ECHO_ASR_ENGINE="pocketsphinx",
        ECHO_TEXT_ENGINE="local",
    )
    env.pop("XDG_DATA_HOME", None)
    return env


def test_commands_run_from_two_folders_share_one_database(tmp_path: Path) -> None:
    home, repository, core = tmp_path / "home", tmp_path / "echo", tmp_path / "echo" / "apps"
    core.mkdir(parents=True)
    home.mkdir()
    env = home_env(home)

    created = run_cli("create-user", "creator@example.com", cwd=repository, env=env)
    again = run_cli("create-user", "creator@example.com", cwd=core, env=env)
    doctor = run_cli("doctor", cwd=core, env=env)

    assert created.returncode == 0, created.stderr
    assert again.returncode == 1
    assert "already exists" in again.stderr
    data_dir = home / ".local" / "share" / "echo"
    assert (data_dir / "echo.db").is_file()
    assert not (repository / "data").exists() and not (core / "data").exists()
    assert f"data directory          {data_dir}" in doctor.stdout
    assert f"sqlite+aiosqlite:///{data_dir / 'echo.db'}" in doctor.stdout


def test_xdg_data_home_moves_the_default(tmp_path: Path) -> None:
    env = {**home_env(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg")}

    result = run_cli("migrate", cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "xdg" / "echo" / "echo.db").is_file()
