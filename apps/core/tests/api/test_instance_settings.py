"""The instance's admin and its text engine settings: who may change them, how the key is
kept, and that jobs and the Test button use what was saved."""

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from echo_core.models.user import User
from tests.conftest import Api, auth
from tests.fake_llm_server import (
    FakeLlmServer,
    chat_reply,
    good_answer,
    running_fake_llm_server,
)
from tests.workers import drain_queue

API_KEY = "sk-live-0123456789abcdef"
SETTINGS = "/api/settings"
TEST = "/api/settings/text-engine/test"


@pytest.fixture
def server() -> Iterator[FakeLlmServer]:
    with running_fake_llm_server() as fake:
        yield fake


async def admin_and_creator(api: Api) -> tuple[str, str]:
    """The first account (the admin) and a second one."""
    return await api.register("admin@example.com"), await api.register("creator@example.com")


async def save(api: Api, token: str, **text_engine: Any) -> dict[str, Any]:
    response = await api.client.patch(
        SETTINGS, headers=auth(token), json={"text_engine": text_engine}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()["text_engine"]
    return body


def openai_endpoint(server: FakeLlmServer, model: str = "gpt-test") -> dict[str, Any]:
    return {"kind": "openai", "base_url": f"{server.base_url}/v1", "model": model}


async def test_the_first_account_is_the_admin(api: Api) -> None:
    admin, creator = await admin_and_creator(api)

    for token, is_admin in ((admin, True), (creator, False)):
        me = await api.client.get("/api/auth/me", headers=auth(token))
        assert me.json()["is_admin"] is is_admin


async def test_simultaneous_first_sign_ups_make_one_admin(api: Api) -> None:
    # Sent together, all find no account yet; the instance row decides who was first.
    responses = await asyncio.gather(
        *(
            api.client.post(
                "/api/auth/register",
                json={"email": f"person{index}@example.com", "password": "correct horse battery"},
            )
            for index in range(5)
        )
    )

    assert [response.status_code for response in responses] == [201] * 5
    assert sum(response.json()["user"]["is_admin"] for response in responses) == 1
    async with api.runtime.session_factory() as session:
        admins = await session.scalar(select(func.count()).where(User.is_admin))
    assert admins == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", SETTINGS, None),
        ("PATCH", SETTINGS, {"text_engine": {"kind": "local"}}),
        ("POST", TEST, None),
    ],
)
async def test_a_creator_who_is_not_admin_is_refused(
    api: Api, method: str, path: str, body: Any
) -> None:
    admin, creator = await admin_and_creator(api)

    response = await api.client.request(method, path, headers=auth(creator), json=body)

    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "forbidden"
    assert "admin" in response.json()["error"]["message"]
    # Nothing changed for the admin.
    settings = await api.client.get(SETTINGS, headers=auth(admin))
    assert settings.json()["text_engine"]["kind"] == "auto"


async def test_an_admin_sees_the_environments_defaults(api: Api) -> None:
    admin, _ = await admin_and_creator(api)

    response = await api.client.get(SETTINGS, headers=auth(admin))

    assert response.status_code == 200, response.text
    engine = response.json()["text_engine"]
    assert engine["kind"] == "auto"
    assert engine["base_url"] is None and engine["model"] is None
    assert engine["api_key_set"] is False
    defaults = {entry["kind"]: entry for entry in engine["defaults"]}
    assert defaults["openai"]["model"] == "gpt-4.1-mini"
    assert defaults["gemini"]["model"] == "gemini-2.5-flash"
    assert defaults["ollama"]["base_url"] == "http://127.0.0.1:11434"
    assert defaults["ollama"]["takes_api_key"] is False


async def test_the_key_is_write_only_and_stored_encrypted(api: Api, server: FakeLlmServer) -> None:
    admin, _ = await admin_and_creator(api)

    saved = await save(api, admin, **openai_endpoint(server), api_key=API_KEY)
    shown = await api.client.get(SETTINGS, headers=auth(admin))

    assert saved["api_key_set"] is True
    assert saved["base_url"] == f"{server.base_url}/v1"
    assert API_KEY not in json.dumps(saved) and API_KEY not in shown.text
    async with api.runtime.session_factory() as session:
        stored = (await session.execute(text("SELECT * FROM instance_settings"))).one()
    assert API_KEY not in " ".join(str(value) for value in stored)
    assert stored.text_engine_api_key_encrypted


async def test_test_sends_one_structured_request_with_the_key(
    api: Api, server: FakeLlmServer
) -> None:
    admin, _ = await admin_and_creator(api)
    await save(api, admin, **openai_endpoint(server), api_key=API_KEY)
    server.script(chat_reply('{"reply": "ready"}'))

    response = await api.client.post(TEST, headers=auth(admin))

    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["ok"] is True
    assert answer["engine"] == "openai:gpt-test"
    assert answer["message"].startswith(f"openai:gpt-test at the chat server at {server.base_url}")
    assert "answered in" in answer["message"]
    [sent] = server.requests
    assert sent.headers["authorization"] == f"Bearer {API_KEY}"
    assert sent.json["response_format"]["type"] == "json_schema"


async def test_test_names_a_model_that_does_not_exist(api: Api, server: FakeLlmServer) -> None:
    admin, _ = await admin_and_creator(api)
    server.models = ["gpt-test"]
    await save(api, admin, **openai_endpoint(server, model="gpt-does-not-exist"))

    answer = (await api.client.post(TEST, headers=auth(admin))).json()

    assert answer["ok"] is False
    assert 'The model "gpt-does-not-exist" does not exist' in answer["message"]
    assert "Settings page" in answer["message"]


async def test_test_says_when_nothing_answers(api: Api) -> None:
    admin, _ = await admin_and_creator(api)
    await save(api, admin, kind="openai", base_url="http://127.0.0.1:9/v1")

    answer = (await api.client.post(TEST, headers=auth(admin))).json()

    assert answer["ok"] is False
    assert "Could not reach the chat server at http://127.0.0.1:9/v1" in answer["message"]
    assert "offline engine writes the text" in answer["message"]


async def test_moving_the_key_to_another_server_drops_it(api: Api, server: FakeLlmServer) -> None:
    admin, _ = await admin_and_creator(api)
    await save(api, admin, **openai_endpoint(server), api_key=API_KEY)

    moved = await save(api, admin, base_url="http://attacker.example/v1")
    other_kind = await save(api, admin, **openai_endpoint(server), api_key=API_KEY)
    switched = await save(api, admin, kind="gemini")

    assert moved["api_key_set"] is False
    assert other_kind["api_key_set"] is True
    assert switched["api_key_set"] is False and switched["base_url"] is None


async def test_the_model_alone_can_change_keeping_the_key(api: Api, server: FakeLlmServer) -> None:
    admin, _ = await admin_and_creator(api)
    await save(api, admin, **openai_endpoint(server), api_key=API_KEY)

    changed = await save(api, admin, model="gpt-other")

    assert changed["model"] == "gpt-other" and changed["api_key_set"] is True


@pytest.mark.parametrize(
    ("text_engine", "field"),
    [
        ({"kind": "openai", "base_url": "ftp://example.com"}, "base_url"),
        ({"kind": "openai", "api_key": "sk-one\r\nX-Injected: yes"}, "api_key"),
        ({"kind": "openai", "model": " padded "}, "model"),
        ({"kind": "auto", "model": "gpt-test"}, "model"),
        ({"kind": "ollama", "api_key": "sk-test"}, "api_key"),
        ({"kind": "clever"}, "kind"),
    ],
)
async def test_bad_settings_are_refused_and_nothing_is_saved(
    api: Api, text_engine: dict[str, Any], field: str
) -> None:
    admin, _ = await admin_and_creator(api)

    response = await api.client.patch(
        SETTINGS, headers=auth(admin), json={"text_engine": text_engine}
    )

    assert response.status_code == 422, response.text
    fields = [detail["field"] for detail in response.json()["error"]["details"]]
    assert any(str(name).endswith(field) for name in fields), fields
    after = (await api.client.get(SETTINGS, headers=auth(admin))).json()["text_engine"]
    assert after["kind"] == "auto" and after["model"] is None


async def test_jobs_use_the_saved_engine_over_the_environments(
    api: Api, server: FakeLlmServer, sample_mp4: Path
) -> None:
    admin, creator = await admin_and_creator(api)
    await save(api, admin, **openai_endpoint(server), api_key=API_KEY)
    server.script(chat_reply(json.dumps(good_answer(chapter_count=0))))
    upload = await api.upload(creator, sample_mp4)

    # The worker's environment says local; the admin's choice wins.
    await drain_queue(api, text_engine="local")

    video = (
        await api.client.get(f"/api/videos/{upload.json()['video_id']}", headers=auth(creator))
    ).json()
    assert video["metadata"]["engines"]["text"] == "openai:gpt-test"
    assert video["metadata"]["title"] == "How Sourdough Really Works"
    assert server.requests[0].headers["authorization"] == f"Bearer {API_KEY}"


async def test_a_model_that_does_not_exist_fails_the_job_naming_it(
    api: Api, server: FakeLlmServer, sample_mp4: Path
) -> None:
    admin, creator = await admin_and_creator(api)
    server.models = ["gpt-test"]
    await save(api, admin, **openai_endpoint(server, model="gpt-gone"))
    upload = await api.upload(creator, sample_mp4)

    await drain_queue(api)

    job = (
        await api.client.get(
            f"/api/video-processing-jobs/{upload.json()['job_id']}", headers=auth(creator)
        )
    ).json()
    assert job["status"] == "FAILED"
    assert job["error_message"].startswith("Writing titles and description failed")
    assert 'The model "gpt-gone" does not exist' in job["error_message"]
    assert "Settings page" in job["error_message"]
    assert job["attempts"] == 1  # no retries: only a changed setting helps
