"""How long-running work reports how far it got."""

from collections.abc import Callable

# fraction done in 0..1, and an optional short detail such as "412 words"
ProgressCallback = Callable[[float, str | None], None]


def ignore_progress(_fraction: float, _detail: str | None) -> None:
    return None
