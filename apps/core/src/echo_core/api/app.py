"""The FastAPI application, assembled from settings."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI
from fastapi.routing import APIRoute

from echo_core.api.cors import CorsMiddleware
from echo_core.api.error_handlers import install_error_handlers
from echo_core.api.openapi import install_openapi
from echo_core.api.request_log import RequestLogMiddleware
from echo_core.api.route_templates import RouteTemplates
from echo_core.api.routers import (
    api_tokens,
    auth,
    health,
    job_events,
    jobs,
    metrics,
    publications,
    search,
    transcript,
    video_files,
    videos,
    webhooks,
    youtube,
)
from echo_core.api.routers import settings as instance_settings
from echo_core.api.schemas.common import error_responses
from echo_core.api.security_headers import SecurityHeadersMiddleware
from echo_core.api.state import AppState
from echo_core.auth.secret import load_or_create_jwt_secret
from echo_core.auth.tokens import TokenVerifier
from echo_core.config import Settings
from echo_core.runtime import build_runtime
from echo_core.settings_types import revealed
from echo_core.worker.embedded import run_embedded_worker

API_PREFIX = "/api"


def _operation_id(route: APIRoute) -> str:
    # Route names are written as `<area>-<action>`; the web client's functions take them.
    return route.name


def build_state(settings: Settings) -> AppState:
    secret = load_or_create_jwt_secret(revealed(settings.jwt_secret), settings.data_dir)
    return AppState(
        runtime=build_runtime(settings),
        tokens=TokenVerifier(
            secret,
            timedelta(minutes=settings.access_token_minutes),
            supabase_secret=revealed(settings.supabase_jwt_secret),
            supabase_jwks_url=settings.supabase_jwks_url,
            supabase_audience=settings.supabase_audience,
            jwks_refresh_cooldown_seconds=settings.supabase_jwks_refresh_cooldown_seconds,
        ),
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    state = build_state(settings or Settings())
    runtime = state.runtime

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with runtime, run_embedded_worker(runtime, runtime.settings.embedded_worker):
            yield

    app = FastAPI(
        title="Echo API",
        version="0.1.0",
        description="Turn a video into YouTube-ready metadata.",
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
        # Declared once for every route, so no route falls back to FastAPI's own 422 shape.
        responses=error_responses(422, 500),
    )
    app.state.echo = state
    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware)
    if runtime.settings.cors_origins:
        # Added last, so it is outermost: preflights are answered before anything else runs.
        app.add_middleware(CorsMiddleware, origins=runtime.settings.cors_origins)
    install_openapi(app)
    api_modules = (
        health,
        auth,
        api_tokens,
        videos,
        video_files,
        transcript,
        jobs,
        job_events,
        search,
        instance_settings,
        youtube,
        publications,
        webhooks,
    )
    # Each module's router straight on the app, not under an /api router of its own:
    # FastAPI matches a request level by level, and a level more costs every request.
    for module in api_modules:
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(metrics.router)
    templates = RouteTemplates.of({API_PREFIX: api_modules, "": (metrics,)})
    # Outermost: it times, logs and counts every request, preflights included.
    app.add_middleware(RequestLogMiddleware, templates=templates)
    return app
