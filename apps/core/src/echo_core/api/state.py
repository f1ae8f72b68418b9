"""What the app holds for its whole life: its runtime and the token verifier."""

from dataclasses import dataclass

from echo_core.auth.tokens import TokenVerifier
from echo_core.runtime import Runtime


@dataclass
class AppState:
    runtime: Runtime
    tokens: TokenVerifier
