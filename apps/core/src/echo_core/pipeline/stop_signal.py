"""Telling a stage's work that it is no longer wanted: the job was canceled, deleted or
taken over by another worker, or the command was interrupted.

Stages do their heavy work in threads and child processes that asyncio cannot cancel. The
signal is set from the event loop and read from any thread, so that work ends early
instead of running on unseen.
"""

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from echo_core.pipeline.progress import ProgressCallback

T = TypeVar("T")


class StageStoppedError(Exception):
    """Raised inside a stage's work once it was told to stop."""


class StopSignal:
    def __init__(self) -> None:
        self._event = threading.Event()

    def stop(self) -> None:
        self._event.set()

    @property
    def stopped(self) -> bool:
        return self._event.is_set()

    def raise_if_stopped(self) -> None:
        if self._event.is_set():
            raise StageStoppedError


def stopping_progress(progress: ProgressCallback, signal: StopSignal) -> ProgressCallback:
    """`progress` that raises once the work was told to stop, so work that reports progress
    often ends at its next report."""

    def report(fraction: float, detail: str | None) -> None:
        signal.raise_if_stopped()
        progress(fraction, detail)

    return report


async def finish_before_cancel(
    work: Awaitable[T], on_cancel: Callable[[], None] | None = None
) -> T:
    """Await `work`; if the caller is cancelled, call `on_cancel` (which may tell the work to
    stop) and wait for the work to end before passing the cancellation on. Work running in
    a thread, or writing a file, then never outlives the stage that started it."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        if on_cancel is not None:
            on_cancel()
        await asyncio.wait({task})
        if not task.cancelled():
            task.exception()  # the cancellation is what the caller hears about
        raise


async def in_thread_until_stopped(work: Callable[[], T], signal: StopSignal) -> T:
    """Run blocking `work`, which watches `signal`, in a thread; cancelling the caller stops
    the work and waits until it has stopped."""
    return await finish_before_cancel(asyncio.to_thread(work), signal.stop)
