"""Servers that never finish answering: a Hub behind a broken proxy, or a captive portal
that swallows requests.

`SilentServer` accepts connections and never says a word; it holds each connection open
until it is closed. `DribblingServer` starts an answer and then sends one byte of its
headers every half second, for ever: no single read ever waits long enough to time out.
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class SilentServer:
    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)  # accept() wakes up to see that the server is closing
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections = 0
        # time.monotonic() of the first connection: the client's own start-up is not timed.
        self.first_connection_at: float | None = None
        self._held: list[socket.socket] = []
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # the listener was closed
                return
            self._count(connection)  # kept open, never answered

    def _count(self, connection: socket.socket) -> None:
        if self.first_connection_at is None:
            self.first_connection_at = time.monotonic()
        self.connections += 1
        self._held.append(connection)

    def close(self) -> None:
        self._closed.set()
        self._thread.join()
        self._listener.close()
        for connection in self._held:
            connection.close()


@contextmanager
def running_silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()


class DribblingServer(SilentServer):
    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._count(connection)
            threading.Thread(target=self._dribble, args=(connection,), daemon=True).start()

    def _dribble(self, connection: socket.socket) -> None:
        try:
            connection.sendall(b"HTTP/1.1 200 OK\r\nX-Padding: ")
            while not self._closed.is_set():
                connection.sendall(b"a")
                time.sleep(0.5)
        except OSError:  # the client gave up, or the server is closing
            return


@contextmanager
def running_dribbling_server() -> Iterator[DribblingServer]:
    server = DribblingServer()
    try:
        yield server
    finally:
        server.close()
