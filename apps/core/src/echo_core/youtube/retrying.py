"""Waits between retries of a request YouTube failed to answer: growing, and bounded."""

import asyncio
from dataclasses import dataclass

from echo_core.youtube.upload_errors import UNREACHABLE, YouTubeError

# Never wait longer than this between two tries, however many there were.
_LONGEST_WAIT_SECONDS = 64.0


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int
    first_wait_seconds: float


class Retries:
    """Counts failures in a row; a success (`reset`) starts the count again."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._failures = 0

    def reset(self) -> None:
        self._failures = 0

    async def wait_after(self, detail: str) -> None:
        """Wait before the next try, or raise when the retries are used up."""
        if self._failures >= self._policy.max_retries:
            raise YouTubeError(UNREACHABLE.format(detail=detail), permanent=False)
        wait = min(self._policy.first_wait_seconds * 2**self._failures, _LONGEST_WAIT_SECONDS)
        self._failures += 1
        await asyncio.sleep(wait)
