"""The fake Google on a free port of 127.0.0.1, in a thread (tests) or on its own (browser
tests: `python -m tests.fake_google --port P --redirect-uri URI --client-id ID
--client-secret SECRET`, the OAuth client it knows)."""

import argparse
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette

from tests.fake_google import oauth, youtube_channels
from tests.fake_google.faults import RecordingAndFaults
from tests.fake_google.state import FakeGoogle

# One module per concern; each adds its routes (the uploads, captions and thumbnails go
# beside these).
ROUTE_MODULES = (oauth, youtube_channels)


def build_app(google: FakeGoogle) -> RecordingAndFaults:
    routes = [route for module in ROUTE_MODULES for route in module.routes(google)]
    return RecordingAndFaults(Starlette(routes=routes), google)


@contextmanager
def running_fake_google(port: int = 0) -> Iterator[FakeGoogle]:
    google = FakeGoogle()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    google.base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    config = uvicorn.Config(build_app(google), log_level="critical", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the fake Google server did not start")
        time.sleep(0.01)
    try:
        yield google
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    arguments = parser.parse_args()
    with running_fake_google(arguments.port) as google:
        google.register_client(arguments.redirect_uri, arguments.client_id, arguments.client_secret)
        print(f"fake Google on {google.base_url}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
