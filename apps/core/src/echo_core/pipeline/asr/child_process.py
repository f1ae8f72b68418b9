"""Running one piece of heavy work in a child process that reports progress and can be
stopped at once.

faster-whisper's decoding and huggingface_hub's downloads run in C++ and in blocking
sockets that a thread cannot interrupt; a process can be terminated. The child reports
(fraction, detail) pairs and then its result (or its error) over a pipe; the parent passes
the reports on, watches the stop signal between them, and terminates the child when told
to stop.
"""

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal
from echo_core.process_death import die_with_parent

T = TypeVar("T")
# How often the parent looks at its stop signal while the child works.
_STOP_CHECK_SECONDS = 0.1
# A terminated child gets this long to go before it is killed.
_TERMINATE_GRACE_SECONDS = 1.0

# The child's work: called with its arguments and a progress callback, in the child.
ChildWork = Callable[..., Any]


class ChildFailedError(Exception):
    """The child's work raised; the message is the child's error, as one line."""


class ChildSilentError(ChildFailedError):
    """The child went longer than it was allowed without reporting."""


def run_in_child(
    work: ChildWork,
    arguments: tuple[Any, ...],
    progress: ProgressCallback,
    stop: StopSignal,
    silence_limit: float | None = None,
) -> Any:
    """`work(*arguments, report)` in a spawned child process; its return value.

    Raises StageStoppedError (within about 0.1 s, the child gone) once `stop` is set,
    ChildFailedError when the work raised or the child died, and ChildSilentError when,
    after its first report, the child goes `silence_limit` seconds without another. The
    clock starts at the first report, so that starting the process and importing its
    libraries, slow on a busy machine, never count. Call it from a thread that outlives
    the child (the child dies with that thread, see process_death).
    """
    # Spawned, not forked: the caller is a thread of an async worker, and forking a
    # process that has threads can deadlock the child.
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main,
        args=(os.getpid(), sending, work, arguments),
        daemon=True,
    )
    child.start()
    sending.close()  # the child holds its own end; the pipe closes when the child ends
    try:
        return _receive_result(child, receiving, progress, stop, silence_limit)
    finally:
        receiving.close()
        _end(child)


def _receive_result(
    child: Any,
    receiving: Connection,
    progress: ProgressCallback,
    stop: StopSignal,
    silence_limit: float | None,
) -> Any:
    last_report: float | None = None  # when the child last reported; None: not yet
    while True:
        stop.raise_if_stopped()
        if not receiving.poll(_STOP_CHECK_SECONDS):
            if (
                last_report is not None
                and silence_limit is not None
                and time.monotonic() - last_report > silence_limit
            ):
                raise ChildSilentError(f"no answer within {silence_limit:g} s")
            continue
        try:
            kind, *payload = receiving.recv()
        except EOFError:
            raise ChildFailedError(
                f"the process stopped unexpectedly (exit code {child.exitcode}); "
                "the machine may be out of memory"
            ) from None
        last_report = time.monotonic()
        if kind == "progress":
            progress(*payload)
        elif kind == "result":
            return payload[0]
        else:
            raise ChildFailedError(payload[0])


def _end(child: Any) -> None:
    if child.is_alive():
        child.terminate()
        child.join(_TERMINATE_GRACE_SECONDS)
    if child.is_alive():
        child.kill()
    child.join()


def _child_main(
    parent_pid: int, sending: Connection, work: ChildWork, arguments: tuple[Any, ...]
) -> None:
    die_with_parent(parent_pid)
    # A Ctrl-C in a terminal reaches the whole process group: the parent hears it and
    # ends this process; a traceback from here would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def report(fraction: float, detail: str | None) -> None:
        sending.send(("progress", fraction, detail))

    try:
        result = work(*arguments, report)
    except Exception as error:
        lines = str(error).strip().splitlines() or [type(error).__name__]
        sending.send(("error", lines[-1]))
    else:
        sending.send(("result", result))
    finally:
        sending.close()
