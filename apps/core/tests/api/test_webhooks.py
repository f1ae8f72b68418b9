"""Webhooks: made with a secret shown once, refused for private addresses, delivered by the
workers through the queue to a real local receiver, signed, retried with growing waits
under one event id, never waiting long on a receiver that hangs."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from echo_core.config import Settings
from echo_core.models import VideoJob
from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.models.webhook_delivery import WebhookDelivery
from echo_core.operations.webhook_announcements import WebhookEventData, announce_webhook_event
from echo_core.worker.webhook_sender import WORKER_STOPPED, WebhookSender
from tests.auth.test_auth import error_of
from tests.conftest import Api, AppFactory, auth
from tests.fake_webhook_receiver import (
    FakeWebhookReceiver,
    Reply,
    running_webhook_receiver,
    signature_is_valid,
)
from tests.workers import drain_queue


@pytest.fixture
def receiver() -> Iterator[FakeWebhookReceiver]:
    with running_webhook_receiver() as running:
        yield running


@pytest.fixture
async def hooks_api(make_api: AppFactory, settings: Settings) -> Api:
    """The receiver listens on 127.0.0.1, so private addresses are allowed here; the tests
    of the refusal turn it off."""
    return await make_api(
        settings.model_copy(
            update={
                "webhook_allow_private": True,
                "webhook_retry_seconds": 0.4,
                "webhook_timeout_seconds": 5.0,
            }
        )
    )


async def make_webhook(
    api: Api, token: str, url: str, events: list[str] | None = None
) -> dict[str, Any]:
    response = await api.client.post(
        "/api/webhooks",
        json={"url": url, "events": events or ["job.completed", "job.failed"]},
        headers=auth(token),
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def sender(api: Api, **overrides: object) -> WebhookSender:
    return WebhookSender(
        api.settings.model_copy(update=overrides), api.runtime.session_factory, "test-sender"
    )


async def announce(api: Api, owner_id: str, video_id: str = "v-1") -> None:
    data = WebhookEventData(
        video_id=video_id, job_id="j-1", status="completed", title="Talk", error=None
    )
    async with api.runtime.session_factory() as session:
        await announce_webhook_event(session, owner_id, "job.completed", data)
        await session.commit()


async def user_id(api: Api, token: str) -> str:
    me: dict[str, Any] = (await api.client.get("/api/auth/me", headers=auth(token))).json()
    return str(me["id"])


async def deliveries(api: Api, token: str, webhook_id: str) -> list[dict[str, Any]]:
    response = await api.client.get(f"/api/webhooks/{webhook_id}/deliveries", headers=auth(token))
    assert response.status_code == 200, response.text
    listed: list[dict[str, Any]] = response.json()
    return listed


@contextlib.asynccontextmanager
async def sending(api: Api) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(sender(api).run_forever(stop))
    try:
        yield
    finally:
        stop.set()
        await task


async def test_a_real_job_completing_is_delivered_signed(
    hooks_api: Api, receiver: FakeWebhookReceiver, sample_mp4: Path
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    assert webhook["secret"].startswith("whsec_")
    uploaded = (await hooks_api.upload(token, sample_mp4)).json()

    await drain_queue(hooks_api)
    assert receiver.received == []  # the job only queued the delivery
    assert await sender(hooks_api).send_one()

    [received] = receiver.received
    assert signature_is_valid(received, webhook["secret"])
    assert not signature_is_valid(received, "whsec_another")
    event = received.json()
    assert received.headers["echo-event-id"] == event["id"]
    assert received.headers["content-type"] == "application/json"
    assert event["type"] == "job.completed"
    assert event["data"] == {
        "video_id": uploaded["video_id"],
        "job_id": uploaded["job_id"],
        "status": "completed",
        "title": event["data"]["title"],
        "error": None,
    }
    assert event["data"]["title"]
    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    assert delivery["status"] == "delivered"
    assert delivery["event_id"] == event["id"]
    assert [(a["status_code"], a["error"]) for a in delivery["attempts"]] == [(200, None)]


async def test_a_job_that_fails_is_delivered_as_job_failed(
    hooks_api: Api, receiver: FakeWebhookReceiver, sample_mp4: Path
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url, ["job.failed"])
    uploaded = (await hooks_api.upload(token, sample_mp4)).json()
    # Its worker died on the last attempt allowed: the next worker marks it failed.
    async with hooks_api.runtime.session_factory() as session:
        await session.execute(
            update(VideoJob)
            .where(VideoJob.id == uploaded["job_id"])
            .values(
                status=ProcessingStatus.PROCESSING,
                attempts=hooks_api.settings.job_max_attempts,
                lease_owner="a-dead-worker",
                lease_expires_at=utcnow() - timedelta(seconds=1),
            )
        )
        await session.commit()

    await drain_queue(hooks_api)
    assert await sender(hooks_api).send_one()

    [received] = receiver.received
    assert signature_is_valid(received, webhook["secret"])
    event = received.json()
    assert event["type"] == "job.failed"
    assert event["data"]["job_id"] == uploaded["job_id"]
    assert event["data"]["status"] == "failed"
    assert "stopped responding" in event["data"]["error"]


async def test_failures_are_retried_with_growing_waits_and_one_event_id(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    receiver.replies = [Reply(500), Reply(503)]

    await announce(hooks_api, await user_id(hooks_api, token))
    async with sending(hooks_api):
        await asyncio.to_thread(receiver.wait_for_requests, 3, 15)

    first, second, third = receiver.received
    assert {r.headers["echo-event-id"] for r in receiver.received} == {
        first.headers["echo-event-id"]
    }
    assert first.body == second.body == third.body
    assert all(signature_is_valid(r, webhook["secret"]) for r in receiver.received)
    first_wait, second_wait = second.at - first.at, third.at - second.at
    assert first_wait >= 0.4
    assert second_wait >= 1.2
    assert second_wait > first_wait * 1.5
    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    assert delivery["status"] == "delivered"
    assert [(a["status_code"], a["error"]) for a in delivery["attempts"]] == [
        (500, "The receiver answered 500."),
        (503, "The receiver answered 503."),
        (200, None),
    ]


async def test_a_receiver_that_hangs_is_given_up_on_in_time_and_retried(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    receiver.replies = [Reply(200, delay_seconds=30)]
    await announce(hooks_api, await user_id(hooks_api, token))

    started = asyncio.get_running_loop().time()
    assert await sender(hooks_api, webhook_timeout_seconds=1.0).send_one()

    assert asyncio.get_running_loop().time() - started < 5
    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    assert delivery["status"] == "pending"
    assert delivery["next_attempt_at"] is not None
    assert delivery["attempts"][0]["error"] == "No answer within 1 s."


async def test_a_delivery_fails_for_good_after_its_last_attempt(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    receiver.replies = [Reply(500), Reply(500)]
    await announce(hooks_api, await user_id(hooks_api, token))
    twice = sender(hooks_api, webhook_max_attempts=2, webhook_retry_seconds=0.01)

    assert await twice.send_one()
    await asyncio.sleep(0.05)
    assert await twice.send_one()
    await asyncio.sleep(0.05)
    assert not await twice.send_one()

    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    assert delivery["status"] == "failed"
    assert delivery["next_attempt_at"] is None
    assert len(delivery["attempts"]) == 2


async def abandon_the_attempt(api: Api, attempts: int) -> None:
    """As if a worker had claimed the (only) delivery for its attempt number `attempts` and
    died during it: the attempt counted, its lease run out, nothing recorded."""
    async with api.runtime.session_factory() as session:
        await session.execute(
            update(WebhookDelivery).values(
                attempts=attempts,
                lease_owner="a-dead-worker",
                lease_expires_at=utcnow() - timedelta(seconds=1),
            )
        )
        await session.commit()


async def test_a_delivery_whose_worker_died_on_its_last_attempt_fails_for_good(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    await announce(hooks_api, await user_id(hooks_api, token))
    await abandon_the_attempt(hooks_api, hooks_api.settings.webhook_max_attempts)

    assert not await sender(hooks_api).send_one()

    assert receiver.received == []
    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    assert delivery["status"] == "failed"
    assert delivery["next_attempt_at"] is None
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] is None
    assert attempt["error"] == WORKER_STOPPED


async def test_a_delivery_whose_worker_died_mid_attempt_is_sent_again_at_once(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    await announce(hooks_api, await user_id(hooks_api, token))
    await abandon_the_attempt(hooks_api, 1)

    assert await sender(hooks_api).send_one()

    [received] = receiver.received
    assert signature_is_valid(received, webhook["secret"])
    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    assert delivery["status"] == "delivered"
    assert [(a["status_code"], a["error"]) for a in delivery["attempts"]] == [
        (None, WORKER_STOPPED),
        (200, None),
    ]


async def test_deleting_a_webhook_stops_its_deliveries(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url)
    await announce(hooks_api, await user_id(hooks_api, token))

    deleted = await hooks_api.client.delete(f"/api/webhooks/{webhook['id']}", headers=auth(token))

    assert deleted.status_code == 204, deleted.text
    assert not await sender(hooks_api).send_one()
    assert receiver.received == []
    assert (await hooks_api.client.get("/api/webhooks", headers=auth(token))).json() == []


async def test_private_addresses_are_refused_at_delivery_after_dns(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    # Made while private addresses were allowed; the sender checks again and refuses.
    token = await hooks_api.register("alice@example.com")
    webhook = await make_webhook(hooks_api, token, receiver.url.replace("127.0.0.1", "localhost"))
    await announce(hooks_api, await user_id(hooks_api, token))

    assert await sender(hooks_api, webhook_allow_private=False).send_one()

    assert receiver.received == []
    [delivery] = await deliveries(hooks_api, token, webhook["id"])
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] is None
    assert "private, loopback or link-local" in attempt["error"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fe80::1]/hook",
        "http://224.0.0.1/hook",
        "ftp://93.184.215.14/hook",
        "file:///etc/passwd",
        "https://user:pass@93.184.215.14/hook",
        "not a url",
    ],
)
async def test_private_and_non_http_urls_are_refused_at_creation(api: Api, url: str) -> None:
    token = await api.register("alice@example.com")

    response = await api.client.post(
        "/api/webhooks", json={"url": url, "events": ["job.completed"]}, headers=auth(token)
    )

    error = error_of(response, 422)
    assert error["code"] == "invalid_input"
    assert (await api.client.get("/api/webhooks", headers=auth(token))).json() == []


async def test_a_public_address_is_accepted_and_its_secret_is_shown_once(api: Api) -> None:
    token = await api.register("alice@example.com")

    created = await make_webhook(api, token, "https://93.184.215.14/hooks/echo", ["job.failed"])

    listed = (await api.client.get("/api/webhooks", headers=auth(token))).json()
    assert listed == [
        {
            "id": created["id"],
            "url": "https://93.184.215.14/hooks/echo",
            "events": ["job.failed"],
            "created_at": created["created_at"],
        }
    ]
    assert created["secret"] not in str(listed)


@pytest.mark.parametrize(
    "body",
    [
        {"url": "https://93.184.215.14/", "events": []},
        {"url": "https://93.184.215.14/", "events": ["video.deleted"]},
        {"url": "https://93.184.215.14/", "events": "job.failed"},
        {"url": "https://93.184.215.14/" + "a" * 3000, "events": ["job.failed"]},
        {"url": 7, "events": ["job.failed"]},
    ],
)
async def test_bad_input_is_refused_with_the_envelope(api: Api, body: dict[str, Any]) -> None:
    token = await api.register("alice@example.com")

    response = await api.client.post("/api/webhooks", json=body, headers=auth(token))

    assert error_of(response, 422)["code"] == "invalid_input"


async def test_another_users_webhook_is_not_found(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    alice = await hooks_api.register("alice@example.com")
    mallory = await hooks_api.register("mallory@example.com")
    webhook = await make_webhook(hooks_api, alice, receiver.url)

    for response in (
        await hooks_api.client.get(
            f"/api/webhooks/{webhook['id']}/deliveries", headers=auth(mallory)
        ),
        await hooks_api.client.delete(f"/api/webhooks/{webhook['id']}", headers=auth(mallory)),
    ):
        assert error_of(response, 404)["code"] == "not_found"
    assert (await hooks_api.client.get("/api/webhooks", headers=auth(mallory))).json() == []
    assert len((await hooks_api.client.get("/api/webhooks", headers=auth(alice))).json()) == 1


async def test_a_delivery_keeps_the_hosts_name_while_connecting_to_the_checked_address(
    hooks_api: Api, receiver: FakeWebhookReceiver
) -> None:
    # The sender connects to the address it resolved and checked, not to the name again
    # (which could resolve elsewhere the second time); the receiver still sees its name.
    token = await hooks_api.register("alice@example.com")
    named = receiver.url.replace("127.0.0.1", "localhost")
    await make_webhook(hooks_api, token, named)
    await announce(hooks_api, await user_id(hooks_api, token))

    assert await sender(hooks_api).send_one()

    [received] = receiver.received
    assert received.headers["host"] == named.split("/")[2]
