"""The fake Google on a free port of 127.0.0.1, in a thread (tests) or on its own (browser
tests: `python -m tests.fake_google --port P --redirect-uri URI --client-id ID
--client-secret SECRET`, the OAuth client it knows)."""

import argparse
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.applications import Starlette

from tests.fake_google import oauth, youtube_channels
from tests.fake_google.faults import RecordingAndFaults
from tests.fake_google.state import FakeGoogle
from tests.thread_server import asgi_app_on_a_thread

# One module per concern; each adds its routes (the uploads, captions and thumbnails go
# beside these).
ROUTE_MODULES = (oauth, youtube_channels)


def build_app(google: FakeGoogle) -> RecordingAndFaults:
    routes = [route for module in ROUTE_MODULES for route in module.routes(google)]
    return RecordingAndFaults(Starlette(routes=routes), google)


@contextmanager
def running_fake_google(port: int = 0) -> Iterator[FakeGoogle]:
    google = FakeGoogle()
    app = build_app(google)
    with asgi_app_on_a_thread("the fake Google server", app, port, "critical") as base_url:
        google.base_url = base_url
        yield google


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The port to serve on and the OAuth client the fake knows, as main() takes them."""
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)


@contextmanager
def running_fake_google_as_told(arguments: argparse.Namespace) -> Iterator[FakeGoogle]:
    """The fake Google on the port, knowing the client, that add_arguments() read."""
    with running_fake_google(arguments.port) as google:
        google.register_client(arguments.redirect_uri, arguments.client_id, arguments.client_secret)
        yield google


def main() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    with running_fake_google_as_told(parser.parse_args()) as google:
        print(f"fake Google on {google.base_url}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
