from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import ReadinessServiceDep, SessionDep
from echo_core.api.schemas.auth import HealthSchema
from echo_core.api.schemas.readiness import ReadinessSchema

router = APIRouter(tags=["health"], route_class=CheckedRoute)


@router.get("/health", name="health-get", response_model=HealthSchema)
async def health(session: SessionDep) -> HealthSchema:
    await session.execute(text("SELECT 1"))
    dialect = session.get_bind().dialect.name
    return HealthSchema(status="ok", database="postgresql" if dialect == "postgresql" else "sqlite")


@router.get(
    "/ready",
    name="health-ready",
    response_model=ReadinessSchema,
    responses={503: {"model": ReadinessSchema, "description": "The database or storage is down"}},
    description="Readiness: 200 while the database and the storage answer, else 503 naming "
    "which did not. /api/health stays the liveness check.",
)
async def ready(readiness: ReadinessServiceDep) -> JSONResponse:
    result = await readiness.check()
    body = ReadinessSchema(
        status="ready" if result.ready else "not_ready",
        database=result.database,
        storage=result.storage,
    )
    return JSONResponse(body.model_dump(), status_code=200 if result.ready else 503)
