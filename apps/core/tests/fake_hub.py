"""A stand-in for the Hugging Face Hub, serving one model repository, as slowly as asked.

It answers what huggingface_hub asks when it downloads a repository
(`snapshot_download`, `HfApi.model_info(files_metadata=True)`); point HF_ENDPOINT at
`url`. Tests watch download progress and failures with it, and no test reaches the
real Hub.
"""

import hashlib
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tests.thread_server import handler_on_a_thread

COMMIT = "1234567890abcdef1234567890abcdef12345678"
_CHUNK_BYTES = 64 * 1024


class FakeHub:
    def __init__(self, repository: str, model_dir: Path, bytes_per_second: float = 0) -> None:
        self.repository = repository
        self.files = {path.name: path.read_bytes() for path in sorted(model_dir.iterdir())}
        self.bytes_per_second = bytes_per_second
        self.requests: list[str] = []
        self.url = ""

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_HEAD(self) -> None:
                hub._serve(self, body=False)

            def do_GET(self) -> None:
                hub._serve(self, body=True)

        return Handler

    def _entry(self, name: str) -> dict[str, Any]:
        data = self.files[name]
        entry: dict[str, Any] = {
            "type": "file",
            "path": name,
            "size": len(data),
            "oid": hashlib.sha1(data).hexdigest(),
        }
        if name == "model.bin":  # stored with Git LFS, as on the real Hub
            entry["lfs"] = {
                "oid": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "pointerSize": 134,
            }
        return entry

    def _serve(self, handler: BaseHTTPRequestHandler, *, body: bool) -> None:
        path = urlparse(handler.path).path
        self.requests.append(f"{handler.command} {path}")
        api = f"/api/models/{self.repository}"
        resolve = f"/{self.repository}/resolve/"
        if path.startswith(f"{api}/tree/"):
            self._json(handler, [self._entry(name) for name in self.files], body)
        elif path == api or path.startswith(f"{api}/revision/"):
            self._json(handler, self._model_info(), body)
        elif path.startswith(resolve):
            self._file(handler, path[len(resolve) :].split("/", 1)[1], body)
        else:
            handler.send_error(404)

    def _model_info(self) -> dict[str, Any]:
        siblings = []
        for name in self.files:
            entry = self._entry(name)
            sibling: dict[str, Any] = {
                "rfilename": name,
                "size": entry["size"],
                "blobId": entry["oid"],
            }
            if "lfs" in entry:
                sibling["lfs"] = {**entry["lfs"], "sha256": entry["lfs"]["oid"]}
            siblings.append(sibling)
        return {
            "id": self.repository,
            "modelId": self.repository,
            "sha": COMMIT,
            "private": False,
            "siblings": siblings,
        }

    def _file(self, handler: BaseHTTPRequestHandler, name: str, body: bool) -> None:
        if name not in self.files:
            handler.send_error(404)
            return
        data = self.files[name]
        entry = self._entry(name)
        etag = entry["lfs"]["oid"] if "lfs" in entry else entry["oid"]
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("X-Repo-Commit", COMMIT)
        handler.send_header("ETag", f'"{etag}"')
        handler.end_headers()
        if not body:
            return
        try:
            for offset in range(0, len(data), _CHUNK_BYTES):
                handler.wfile.write(data[offset : offset + _CHUNK_BYTES])
                if self.bytes_per_second:
                    time.sleep(_CHUNK_BYTES / self.bytes_per_second)
        except (BrokenPipeError, ConnectionResetError):  # the client went away
            pass

    @staticmethod
    def _json(handler: BaseHTTPRequestHandler, payload: Any, body: bool) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if body:
            handler.wfile.write(data)


@contextmanager
def running_fake_hub(
    repository: str, model_dir: Path, bytes_per_second: float = 0
) -> Iterator[FakeHub]:
    hub = FakeHub(repository, model_dir, bytes_per_second)
    with handler_on_a_thread(hub.handler_class()) as url:
        hub.url = url
        yield hub
