"""Each route's full template (`/api/videos/{video_id}`), for logs and metric labels.

FastAPI tells a request which route matched (`scope["route"]`), but that route knows only
the path its own router gave it (`/videos/{video_id}`), not the prefixes it was included
under. The app lists its routers with their prefixes once, here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType

from starlette.types import Scope

from echo_core.observability.metrics import UNMATCHED_ROUTE


@dataclass(frozen=True)
class RouteTemplates:
    by_route_id: Mapping[int, str]

    @classmethod
    def of(cls, routers_by_prefix: Mapping[str, Sequence[ModuleType]]) -> "RouteTemplates":
        """`{prefix: router modules}`, each module with its `router`."""
        return cls(
            {
                id(route): prefix + getattr(route, "path", "")
                for prefix, modules in routers_by_prefix.items()
                for module in modules
                for route in module.router.routes
            }
        )

    def of_request(self, scope: Scope) -> str:
        route = scope.get("route")
        return self.by_route_id.get(id(route), UNMATCHED_ROUTE) if route else UNMATCHED_ROUTE
