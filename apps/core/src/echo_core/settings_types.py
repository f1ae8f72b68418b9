"""Setting types: comma-separated lists in `ECHO_*` variables, and secrets."""

from ipaddress import IPv4Network, IPv6Network
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, SecretStr
from pydantic_settings import NoDecode

from echo_core.origins import normalized_origin


def _split_commas(value: object) -> object:
    # `a, b` rather than JSON, which is awkward to write in an environment variable.
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def _origin(value: str) -> str:
    origin = normalized_origin(value)
    parts = urlsplit(value.strip())
    # An origin is scheme and authority only: "*", paths, queries and credentials are refused.
    extra = parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc
    if origin is None or extra:
        raise ValueError(f"{value!r} is not an origin such as https://echo.example.com")
    return origin


Origins = Annotated[
    list[Annotated[str, AfterValidator(_origin)]], NoDecode, BeforeValidator(_split_commas)
]
Networks = Annotated[list[IPv4Network | IPv6Network], NoDecode, BeforeValidator(_split_commas)]


def revealed(secret: SecretStr | None) -> str | None:
    """A secret setting's value where it is used (never where it is logged); empty is unset."""
    return secret.get_secret_value() or None if secret is not None else None
