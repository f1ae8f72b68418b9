"""`echo-core doctor`: one line per check, and exit 0 only when everything needed works."""

from pathlib import Path

from tests.cli_runs import clean_env, run_cli
from tests.fake_llm_server import chat_reply, running_fake_llm_server


def doctor_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    # Named engines, so no check tries to download a Whisper model.
    defaults = {
        "ECHO_DATA_DIR": str(tmp_path / "data"),
        "ECHO_ASR_ENGINE": "pocketsphinx",
        "ECHO_TEXT_ENGINE": "local",
    }
    return clean_env(**{**defaults, **settings})


def line_for(output: str, subject: str) -> str:
    return next(line for line in output.splitlines() if line[2:].startswith(subject))


def test_a_working_configuration_passes(tmp_path: Path) -> None:
    env = doctor_env(tmp_path)
    assert run_cli("migrate", cwd=tmp_path, env=env).returncode == 0

    result = run_cli("doctor", cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "✗" not in result.stdout
    for subject in ("configuration", "speech engine", "text engine", "database", "data directory"):
        assert line_for(result.stdout, subject).startswith("✓ "), subject
    assert "pocketsphinx" in line_for(result.stdout, "speech engine")
    assert "migrations at head" in line_for(result.stdout, "database")
    assert "writable" in line_for(result.stdout, "storage")
    assert "PyAV" in line_for(result.stdout, "media")
    assert "Everything Echo needs works." in result.stdout


def test_a_database_not_created_yet_is_a_note_and_stays_uncreated(tmp_path: Path) -> None:
    result = run_cli("doctor", cwd=tmp_path, env=doctor_env(tmp_path))

    assert result.returncode == 0, result.stdout
    database = line_for(result.stdout, "database")
    assert database.startswith("! ") and "does not exist yet" in database
    assert "echo-core migrate" in result.stdout
    assert not (tmp_path / "data" / "echo.db").exists()


def test_an_unreachable_postgresql_fails_and_hides_the_password(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://echo:very-secret-password@127.0.0.1:1/echo"

    result = run_cli("doctor", cwd=tmp_path, env=doctor_env(tmp_path, ECHO_DATABASE_URL=url))

    assert result.returncode == 1
    database = line_for(result.stdout, "database")
    assert database.startswith("✗ ")
    assert "postgresql+asyncpg://echo:***@127.0.0.1:1/echo" in database
    assert "cannot connect" in database
    assert "very-secret-password" not in result.stdout + result.stderr
    assert "ECHO_DATABASE_URL" in result.stdout
    assert "1 problem: see the ✗ lines above." in result.stdout


def test_an_llm_endpoint_is_checked_when_one_is_configured(tmp_path: Path) -> None:
    with running_fake_llm_server() as server:
        server.script(chat_reply('{"reply": "ready"}'))
        env = doctor_env(
            tmp_path, ECHO_TEXT_ENGINE="auto", ECHO_OPENAI_BASE_URL=f"{server.base_url}/v1"
        )
        reachable = run_cli("doctor", cwd=tmp_path, env=env)
        server.models = ["gpt-test"]
        missing_model = run_cli("doctor", cwd=tmp_path, env=env)
    unreachable = run_cli(
        "doctor",
        cwd=tmp_path,
        env=doctor_env(
            tmp_path, ECHO_TEXT_ENGINE="openai", ECHO_OPENAI_BASE_URL="http://127.0.0.1:1/v1"
        ),
    )

    assert "auto, and an LLM is configured" in line_for(reachable.stdout, "text engine")
    assert line_for(reachable.stdout, "LLM endpoint").startswith("✓ ")
    assert "answered in" in line_for(reachable.stdout, "LLM endpoint")
    # The default model is not one this server has: a setup error, not a quiet fallback.
    assert missing_model.returncode == 1
    endpoint = line_for(missing_model.stdout, "LLM endpoint")
    assert endpoint.startswith("✗ ") and 'The model "gpt-4.1-mini" does not exist' in endpoint
    assert "ECHO_OPENAI_CHAT_MODEL" in endpoint
    assert unreachable.returncode == 1
    endpoint = line_for(unreachable.stdout, "LLM endpoint")
    assert endpoint.startswith("✗ ") and "Could not reach" in endpoint
    assert "the offline engine writes the text" in unreachable.stdout


def test_an_engine_that_cannot_run_fails_with_the_fix(tmp_path: Path) -> None:
    env = doctor_env(tmp_path, ECHO_TEXT_ENGINE="gemini")

    result = run_cli("doctor", cwd=tmp_path, env=env)

    assert result.returncode == 1
    assert "ECHO_GEMINI_API_KEY is not set" in line_for(result.stdout, "text engine")


def test_an_invalid_setting_is_named(tmp_path: Path) -> None:
    result = run_cli("doctor", cwd=tmp_path, env=doctor_env(tmp_path, ECHO_ASR_ENGINE="sphinx"))

    assert result.returncode == 1
    configuration = line_for(result.stdout, "configuration")
    assert configuration.startswith("✗ ") and "ECHO_ASR_ENGINE" in configuration
