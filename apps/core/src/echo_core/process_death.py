"""Child processes that die with their parent.

A worker killed with SIGKILL (by the out-of-memory killer, say) runs no clean-up, so the
recognizer processes it started would decode on, or wait forever for work that never
comes, and hold multiprocessing's resource tracker open with them.
"""

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Called first thing in a child process: the kernel kills it when its parent dies.

    Linux only (`prctl(PR_SET_PDEATHSIG)`). Linux sends the signal when the *thread* that
    started the child ends, so start children from a thread that outlives them.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died before the death signal was asked for.
    if os.getppid() != parent_pid:
        os._exit(1)
