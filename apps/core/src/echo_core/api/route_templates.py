"""Each route's full template (`/api/videos/{video_id}`), for logs and metric labels.

FastAPI tells a request which route matched (`scope["route"]`), but that route knows only
the path its own router gave it (`/videos/{video_id}`), not the prefixes it was included
under. The app lists its routers with their prefixes once, here. A socket's scope holds a
copy FastAPI makes of its route, not the route, so routes are found by endpoint too.
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
                id(handle): prefix + getattr(route, "path", "")
                for prefix, modules in routers_by_prefix.items()
                for module in modules
                for route in module.router.routes
                for handle in (route, getattr(route, "endpoint", route))
            }
        )

    def of_request(self, scope: Scope) -> str:
        for handle in (scope.get("route"), scope.get("endpoint")):
            if handle is not None and id(handle) in self.by_route_id:
                return self.by_route_id[id(handle)]
        return UNMATCHED_ROUTE
