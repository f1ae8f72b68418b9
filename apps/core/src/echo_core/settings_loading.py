"""Read the settings for a command, turning a bad `ECHO_*` value into one readable sentence."""

from typing import Any

from pydantic import ValidationError

from echo_core.config import Settings


class ConfigurationError(Exception):
    """An `ECHO_*` variable (or `.env` line) has a value Echo cannot use."""


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"ECHO_{'_'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']}"
            for problem in error.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from error
