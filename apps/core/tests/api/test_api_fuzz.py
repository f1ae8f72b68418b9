"""Fuzz every route from the API's own OpenAPI document, signed in as a real user.

Schemathesis generates requests (valid and invalid) for each operation and checks each
answer: never a 5xx, only status codes the route declares, and bodies and headers that
match what the document promises (the error envelope included).
"""

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from echo_core.api.app import create_app
from echo_core.config import Settings
from tests.conftest import auth

# Enough to reach every declared status of every route, within about a minute per database.
EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def _openapi_document() -> dict[str, Any]:
    # Building the document needs no database: a throwaway app in a throwaway directory.
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app(Settings(data_dir=Path(data_dir), jwt_secret="only-for-the-document"))
        return app.openapi()


schema = schemathesis.openapi.from_dict(_openapi_document())


@pytest.fixture
def fuzzed_app(settings: Settings) -> Iterator[FastAPI]:
    # No worker: fuzzed uploads are refused before anything is queued, and none must run.
    yield create_app(settings.model_copy(update={"embedded_worker": False}))
    # Schemathesis keeps each app's lifespan running; end it before the database goes.
    schemathesis.python.asgi.shutdown_lifespans()


@pytest.fixture
def user_id(fuzzed_app: FastAPI) -> str:
    register = schema["/api/auth/register"]["POST"].Case(
        body={"email": "fuzz@example.com", "password": "correct horse battery"}
    )
    response = register.call(app=fuzzed_app)
    assert response.status_code == 201, response.text
    created: str = response.json()["user"]["id"]
    return created


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    # The same examples every run, so `make test` passes or fails the same way each time.
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_route_answers_as_documented(
    case: schemathesis.Case, fuzzed_app: FastAPI, user_id: str
) -> None:
    # A fresh token per request: a fuzzed sign-out revokes only its own.
    token = fuzzed_app.state.echo.tokens.issue(user_id, "fuzz@example.com")
    case.call_and_validate(app=fuzzed_app, headers=auth(token), checks=CHECKS)
