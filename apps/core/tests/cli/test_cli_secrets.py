"""Secret settings are `SecretStr`: never printed by `doctor`, a repr or a dump of the settings."""

import re
from pathlib import Path

from pydantic import SecretStr

from echo_core.config import Settings
from tests.cli_runs import clean_env, run_cli

SECRETS = {
    "ECHO_OPENAI_API_KEY": "sk-openai-value-that-must-stay-hidden",
    "ECHO_GEMINI_API_KEY": "gemini-value-that-must-stay-hidden",
    "ECHO_JWT_SECRET": "jwt-value-that-must-stay-hidden-long-enough",
    "ECHO_SUPABASE_JWT_SECRET": "supabase-value-that-must-stay-hidden",
    "ECHO_SECRET_KEY": "secret-key-value-that-must-stay-hidden",
    "ECHO_S3_SECRET_ACCESS_KEY": "s3-value-that-must-stay-hidden",
}
# A setting named like a secret; `database_url` may hold a password too, and doctor masks it.
SECRET_NAME = re.compile(r"(secret|api_key|password|_token)$|secret_")


def test_every_setting_named_like_a_secret_is_a_secret_str() -> None:
    plain = [
        name
        for name, field in Settings.model_fields.items()
        if SECRET_NAME.search(name) and field.annotation not in (SecretStr, SecretStr | None)
    ]

    assert plain == []


def test_a_repr_and_a_dump_of_the_settings_hide_every_secret(tmp_path: Path) -> None:
    values = {key.removeprefix("ECHO_").lower(): value for key, value in SECRETS.items()}
    settings = Settings(_env_file=None, data_dir=tmp_path, **values)

    shown = repr(settings) + str(settings) + settings.model_dump_json()

    for value in SECRETS.values():
        assert value not in shown


def test_doctor_prints_no_secret(tmp_path: Path) -> None:
    env = clean_env(
        ECHO_DATA_DIR=str(tmp_path / "data"),
        ECHO_ASR_ENGINE="pocketsphinx",
        # The OpenAI check sends the key to this address, which answers nothing.
        ECHO_TEXT_ENGINE="openai",
        ECHO_OPENAI_BASE_URL="http://127.0.0.1:9/v1",
        **SECRETS,
    )

    result = run_cli("doctor", cwd=tmp_path, env=env)

    assert "text engine" in result.stdout
    for value in SECRETS.values():
        assert value not in result.stdout + result.stderr
