from fastapi import APIRouter
from sqlalchemy import text

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import SessionDep
from echo_core.api.schemas.auth import HealthSchema

router = APIRouter(tags=["health"], route_class=CheckedRoute)


@router.get("/health", name="health-get", response_model=HealthSchema)
async def health(session: SessionDep) -> HealthSchema:
    await session.execute(text("SELECT 1"))
    dialect = session.get_bind().dialect.name
    return HealthSchema(status="ok", database="postgresql" if dialect == "postgresql" else "sqlite")
