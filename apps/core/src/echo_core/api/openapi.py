"""The OpenAPI document, plus the schemas of messages that travel outside HTTP routes."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from echo_core.api.schemas.job_socket import SOCKET_SCHEMAS

_REF_TEMPLATE = "#/components/schemas/{model}"


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        # FastAPI leaves WebSocket routes out; their messages still belong to the contract.
        _, extra = models_json_schema(
            [(model, "serialization") for model in SOCKET_SCHEMAS], ref_template=_REF_TEMPLATE
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in extra.get("$defs", {}).items():
            schemas.setdefault(name, schema)
        app.openapi_schema = document
        return document

    app.openapi = build  # type: ignore[method-assign]
