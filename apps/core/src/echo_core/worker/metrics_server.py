"""`echo-core worker --metrics-port N`: the worker's own /metrics, for a worker run apart
from the API. Its counters (stages, job outcomes) live in its own process, so only it can
serve them; the queue's gauges are read from the database as the API reads them."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterator

import uvicorn
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from echo_core.config import Settings
from echo_core.observability.metrics_text import CONTENT_TYPE, QueueGauges, metrics_text
from echo_core.observability.metrics_token import may_read_metrics
from echo_core.worker.job_store import JobStore

logger = logging.getLogger(__name__)


def _error(status: int, code: str, message: str) -> Response:
    # The API's error envelope, so a scraper sees one shape of error from every process.
    body = {"error": {"code": code, "message": message, "details": []}}
    return JSONResponse(body, status_code=status)


class MetricsApp:
    def __init__(self, settings: Settings, store: JobStore) -> None:
        self._settings = settings
        self._store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        response = await self._answer(scope)
        await response(scope, receive, send)

    async def _answer(self, scope: Scope) -> Response:
        if scope["path"] != "/metrics" or scope["method"] not in ("GET", "HEAD"):
            return _error(404, "not_found", "Only GET /metrics is served here.")
        authorization = Headers(scope=scope).get("authorization")
        if not may_read_metrics(self._settings.metrics_token, authorization):
            return _error(401, "not_authenticated", "A valid metrics token is required.")
        return Response(metrics_text(await self._gauges()), media_type=CONTENT_TYPE)

    async def _gauges(self) -> QueueGauges | None:
        try:
            return await self._store.queue_gauges(self._settings)
        except Exception as error:
            logger.warning("metrics: the queue could not be read: %s", error)
            return None


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The worker owns SIGINT and SIGTERM, and stops this server when it stops.
        yield


@contextlib.asynccontextmanager
async def serve_metrics(
    settings: Settings, store: JobStore, host: str, port: int
) -> AsyncIterator[None]:
    config = uvicorn.Config(
        MetricsApp(settings, store),
        host=host,
        port=port,
        lifespan="off",
        access_log=False,
        log_config=None,
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            # It could not listen (the port is taken, say): stop the worker with its error.
            task.result()
            raise RuntimeError(f"the metrics server on {host}:{port} did not start")
        await asyncio.sleep(0.02)
    logger.info("worker metrics on http://%s:%d/metrics", host, port)
    try:
        yield
    finally:
        server.should_exit = True
        await task
