"""A server that accepts connections and never says a word: a Hub behind a broken proxy,
or a captive portal that swallows requests. It reads what it is sent and holds each
connection open until it is closed."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class SilentServer:
    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)  # accept() wakes up to see that the server is closing
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections = 0
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
            self.connections += 1
            self._held.append(connection)  # kept open, never answered

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
