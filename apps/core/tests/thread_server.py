"""A fake server on 127.0.0.1, run on a thread of its own beside the test and stopped when
the test is done: an ASGI app under uvicorn, or a plain http.server handler."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn
from starlette.types import ASGIApp

START_SECONDS = 10


@contextmanager
def asgi_app_on_a_thread(
    name: str, app: ASGIApp, port: int = 0, log_level: str = "warning"
) -> Iterator[str]:
    """Yields the base URL (http://127.0.0.1:PORT) once `app` accepts connections; `port` 0
    takes a free one."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # A fixed port (the browser tests') can be taken again at once by the next run.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + START_SECONDS
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=START_SECONDS)
        listener.close()


@contextmanager
def handler_on_a_thread(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Yields the base URL (http://127.0.0.1:PORT, a free port) of a server that answers
    each request with `handler`, on a thread of its own."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
