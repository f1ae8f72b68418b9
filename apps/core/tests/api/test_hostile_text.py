"""Text no database can store (a lone UTF-16 surrogate, NUL) is refused as it arrives.

JSON may spell a lone surrogate as the escape "\\ud800", and Python's decoder hands it on
as a string that cannot be encoded as UTF-8; PostgreSQL refuses NUL in text. Either used to
reach the database or the response encoder and answer 500 (resetting the connection).
"""

from pathlib import Path
from typing import Any

import httpx
import pytest

from echo_core.config import Settings
from tests.auth.test_auth import error_of
from tests.conftest import Api, auth
from tests.editing import editable_upload
from tests.live_server import live_server

PASSWORD = "correct horse battery"
JSON = {"Content-Type": "application/json"}
# Raw JSON bodies, so the escapes reach the server exactly as a hostile client writes them.
HOSTILE_EDITS = [
    pytest.param(b'{"title": "Hello \\ud800"}', "title", "surrogate", id="surrogate-title"),
    pytest.param(
        b'{"description": "\\udfff and more"}', "description", "surrogate", id="surrogate-desc"
    ),
    pytest.param(b'{"tags": ["fine", "\\ud83d"]}', "tags.1", "surrogate", id="surrogate-tag"),
    pytest.param(
        b'{"chapters": [{"start_seconds": 0, "title": "\\ud800"}]}',
        "chapters.0.title",
        "surrogate",
        id="surrogate-chapter",
    ),
    pytest.param(b'{"title": "Hello\\u0000world"}', "title", "NUL", id="nul-title"),
    pytest.param(b'{"description": "a\\u0000"}', "description", "NUL", id="nul-description"),
    pytest.param(b'{"tags": ["a\\u0000b"]}', "tags.0", "NUL", id="nul-tag"),
]
# JSON escapes, written into the body as they are (a backslash, then "ud800").
HOSTILE_CREDENTIALS = [
    pytest.param("a\\ud800@example.com", PASSWORD, "email", id="email-surrogate"),
    pytest.param("alice@example.com", PASSWORD + "\\ud800", "password", id="password-surrogate"),
    pytest.param("alice\\u0000@example.com", PASSWORD, "email", id="email-nul"),
    pytest.param("alice@example.com", PASSWORD + "\\u0000", "password", id="password-nul"),
]


def assert_refused_field(response: httpx.Response, field: str) -> None:
    error = error_of(response, 422)
    assert error["code"] == "invalid_input"
    assert [detail["field"] for detail in error["details"]] == [field]


async def metadata_of(client: httpx.AsyncClient, token: str, video_id: str) -> dict[str, Any]:
    detail = await client.get(f"/api/videos/{video_id}", headers=auth(token))
    metadata: dict[str, Any] = detail.json()["metadata"]
    return metadata


@pytest.mark.parametrize(("body", "field", "named"), HOSTILE_EDITS)
async def test_hostile_metadata_text_is_refused_over_a_real_connection(
    settings: Settings, sample_mp4: Path, body: bytes, field: str, named: str
) -> None:
    quiet = settings.model_copy(update={"embedded_worker": False})
    async with live_server(quiet) as base_url, httpx.AsyncClient(base_url=base_url) as client:
        registered = await client.post(
            "/api/auth/register", json={"email": "creator@example.com", "password": PASSWORD}
        )
        token = registered.json()["access_token"]
        with sample_mp4.open("rb") as video:
            uploaded = await client.post(
                "/api/videos", headers=auth(token), files={"file": ("clip.mp4", video)}
            )
        video_id = uploaded.json()["video_id"]
        # A finished job: edits are refused while one is queued.
        await client.post(
            f"/api/video-processing-jobs/{uploaded.json()['job_id']}/cancel", headers=auth(token)
        )
        await client.patch(
            f"/api/videos/{video_id}/metadata", headers=auth(token), json={"title": "Kept"}
        )

        response = await client.patch(
            f"/api/videos/{video_id}/metadata", headers={**auth(token), **JSON}, content=body
        )
        # Answered on the same connection, and nothing that was saved is lost.
        metadata = await metadata_of(client, token, video_id)

    assert_refused_field(response, field)
    assert named in response.json()["error"]["message"]
    assert metadata["title"] == "Kept"
    assert metadata["description"] is None and metadata["tags"] == []


@pytest.mark.parametrize(("email", "password", "field"), HOSTILE_CREDENTIALS)
@pytest.mark.parametrize("route", ["register", "login"])
async def test_hostile_credentials_are_refused(
    api: Api, email: str, password: str, field: str, route: str
) -> None:
    await api.register("alice@example.com")
    body = f'{{"email": "{email}", "password": "{password}"}}'

    response = await api.client.post(f"/api/auth/{route}", headers=JSON, content=body.encode())

    assert_refused_field(response, field)


async def test_nul_in_a_query_or_path_is_refused(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")

    search = await api.client.get("/api/videos", params={"q": "a\0b"}, headers=auth(token))
    video = await api.client.get("/api/videos/a%00b", headers=auth(token))
    job = await api.client.get("/api/video-processing-jobs/a%00b", headers=auth(token))

    assert_refused_field(search, "q")
    assert_refused_field(video, "video_id")
    assert_refused_field(job, "job_id")


async def test_paired_surrogates_and_joiners_in_visible_text_are_kept(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, sample_mp4))["video_id"]
    # A pair of escapes is one character (U+1F3AC); a zero-width joiner inside an emoji
    # sequence is part of what people see.
    body = '{"title": "\\ud83c\\udfac Take two", "tags": ["\U0001f469\u200d\U0001f4bb coding"]}'

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers={**auth(token), **JSON},
        content=body.encode(),
    )

    assert response.status_code == 200, response.text
    metadata = await metadata_of(api.client, token, video_id)
    assert metadata["title"] == "\U0001f3ac Take two"
    assert metadata["tags"] == ["\U0001f469\u200d\U0001f4bb coding"]


async def test_json_nested_deeper_than_the_parser_goes_is_refused(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, sample_mp4))["video_id"]
    depth = 100_000
    body = b'{"title": ' + b"[" * depth + b"]" * depth + b"}"

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata", headers={**auth(token), **JSON}, content=body
    )

    error = error_of(response, 422)
    assert error["message"] == "The request body is nested too deeply."
