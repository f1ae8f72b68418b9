"""Each request's id: the caller's when it is sane, else a new one; always answered in
X-Request-ID and written on the request's log line with the real client address."""

import re

import pytest

from echo_core.api.request_id import MAX_REQUEST_ID_LENGTH
from tests.conftest import Api, auth
from tests.observability.log_capture import json_lines

MADE_ID = re.compile(r"[0-9a-f]{32}")


async def test_a_sane_request_id_is_echoed_and_logged(api: Api) -> None:
    token = await api.register("creator@example.com")
    with json_lines() as lines:
        response = await api.client.get(
            "/api/videos",
            headers={
                **auth(token),
                "X-Request-ID": "trace-01HZX3.4:5",
                "X-Forwarded-For": "203.0.113.7",
            },
        )
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "trace-01HZX3.4:5"
    [line] = [line for line in lines if line["logger"] == "echo_core.request"]
    assert line["request_id"] == "trace-01HZX3.4:5"
    assert (line["method"], line["route"], line["status"]) == ("GET", "/api/videos", 200)
    # The test client connects from loopback, a trusted proxy: its X-Forwarded-For counts.
    assert line["client"] == "203.0.113.7"
    me = await api.client.get("/api/auth/me", headers=auth(token))
    assert line["user_id"] == me.json()["id"]


async def test_a_request_without_an_id_gets_a_new_one_each_time(api: Api) -> None:
    first = await api.client.get("/api/health")
    second = await api.client.get("/api/health")
    assert MADE_ID.fullmatch(first.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


@pytest.mark.parametrize(
    "hostile",
    [
        "a" * (MAX_REQUEST_ID_LENGTH + 1),
        'x" level="error',
        "id with spaces",
        "<script>",
        "ünïcode",
        "\x1b[31mred",
        "",
    ],
)
async def test_a_hostile_request_id_is_replaced(api: Api, hostile: str) -> None:
    with json_lines() as lines:
        response = await api.client.get("/api/health", headers={"X-Request-ID": hostile.encode()})
    assert response.status_code == 200
    made = response.headers["x-request-id"]
    assert MADE_ID.fullmatch(made)
    [line] = [line for line in lines if line["logger"] == "echo_core.request"]
    assert line["request_id"] == made


async def test_an_error_answer_carries_the_id_too(api: Api) -> None:
    token = await api.register("creator@example.com")
    response = await api.client.get(
        "/api/videos/not-a-video", headers={**auth(token), "X-Request-ID": "lookup-1"}
    )
    assert response.status_code == 404
    assert response.headers["x-request-id"] == "lookup-1"


async def test_an_unknown_path_is_logged_under_one_route_label(api: Api) -> None:
    with json_lines() as lines:
        response = await api.client.get("/wp-admin/setup.php")
    assert response.status_code == 404
    [line] = [line for line in lines if line["logger"] == "echo_core.request"]
    assert line["route"] == "unmatched"
    assert line["path"] == "/wp-admin/setup.php"
