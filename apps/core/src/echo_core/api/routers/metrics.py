"""`GET /metrics`, for Prometheus; outside /api, so the web server never proxies it."""

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import QueueMetricsServiceDep, SettingsDep
from echo_core.errors import AuthenticationError
from echo_core.observability.metrics_text import CONTENT_TYPE, metrics_text
from echo_core.observability.metrics_token import may_read_metrics

router = APIRouter(tags=["metrics"], route_class=CheckedRoute)


@router.get(
    "/metrics",
    name="metrics-get",
    response_class=Response,
    # For Prometheus, not for the web app's client; README's operations section describes it.
    include_in_schema=False,
)
async def metrics(
    settings: SettingsDep,
    queue: QueueMetricsServiceDep,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    if not may_read_metrics(settings.metrics_token, authorization):
        raise AuthenticationError("A valid metrics token is required.")
    return Response(metrics_text(await queue.gauges()), media_type=CONTENT_TYPE)
