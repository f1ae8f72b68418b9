"""Publishing a finished video: the API queues it, a worker sends it to (fake) YouTube."""

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from echo_core.config import Settings
from echo_core.events.job_event import JobEvent
from echo_core.events.publication_event import PUBLISH_STAGE
from echo_core.models.webhook_delivery import WebhookDelivery
from echo_core.observability.metrics import publication_outcomes
from echo_core.storage.job_keys import thumbnail_key
from echo_core.youtube.upload_errors import QUOTA_EXCEEDED
from tests.conftest import Api, AppFactory, auth
from tests.fake_google import FakeGoogle
from tests.fake_google.youtube_uploads import FakeYouTube, running_fake_youtube
from tests.job_polling import job_state
from tests.workers import running_worker
from tests.youtube.publishing import (
    CHUNK,
    FinishedVideo,
    approved_texts,
    connected_creator_with_finished_video,
    noisy_video,
    publication,
    publish,
    publishing_settings,
    run_publications,
)


@pytest.fixture(scope="module")
def chunky_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = noisy_video(tmp_path_factory.mktemp("publish") / "talk.mp4")
    assert path.stat().st_size > 3 * CHUNK
    return path


@pytest.fixture
def youtube(google: FakeGoogle) -> Iterator[FakeYouTube]:
    with running_fake_youtube(google) as fake:
        yield fake


@pytest.fixture
async def api(
    make_api: AppFactory, settings: Settings, google: FakeGoogle, youtube: FakeYouTube
) -> Api:
    return await make_api(publishing_settings(settings, google, youtube))


@pytest.fixture
async def creator(api: Api, chunky_video: Path) -> FinishedVideo:
    return await connected_creator_with_finished_video(api, chunky_video)


async def test_youtube_gets_the_original_file_and_everything_the_creator_approved(
    api: Api, creator: FinishedVideo, youtube: FakeYouTube
) -> None:
    texts = await approved_texts(api, creator)
    chosen = texts["thumbnail_candidates"][-1]["index"]
    edited = await api.client.patch(
        f"/api/videos/{creator.video_id}/metadata",
        headers=auth(creator.token),
        json={"title": "Noise, explained", "tags": ["noise", "static"], "thumbnail_index": chosen},
    )
    assert edited.status_code == 200, edited.text
    texts = edited.json()

    completed_before = publication_outcomes.labels(outcome="completed")._value.get()
    queued = await publish(
        api,
        creator,
        privacy_status="private",
        publish_at="2031-05-01T17:30:00+02:00",
        category_id="27",
        made_for_kids=False,
    )
    assert queued["status"] == "PENDING"
    assert await run_publications(api) == 1

    done = await publication(api, creator)
    assert done["status"] == "COMPLETED", done
    assert done["progress"] == 1.0
    assert publication_outcomes.labels(outcome="completed")._value.get() == completed_before + 1
    (video,) = youtube.videos
    assert done["youtube_video_id"] == video.video_id
    assert done["url"] == f"https://www.youtube.com/watch?v={video.video_id}"
    assert youtube.uploaded_bytes() == creator.original
    assert len(youtube.chunks) > 3
    assert youtube.refused == []

    snippet, status = video.resource["snippet"], video.resource["status"]
    assert snippet["title"] == "Noise, explained"
    assert snippet["description"] == texts["description"]
    assert snippet["tags"] == ["noise", "static"]
    assert snippet["categoryId"] == "27"
    assert status == {
        "privacyStatus": "private",
        "publishAt": "2031-05-01T15:30:00Z",
        "selfDeclaredMadeForKids": False,
    }
    job_id = texts["job_id"]
    storage = api.runtime.storage
    expected_jpeg = b"".join(
        [piece async for piece in storage.read_range(thumbnail_key(job_id, chosen), 0, 10**8)]
    )
    assert youtube.thumbnails == {video.video_id: expected_jpeg}
    (caption,) = youtube.captions
    srt = await api.client.get(texts["subtitle_files_urls"]["srt"], headers=auth(creator.token))
    assert srt.status_code == 200
    assert (caption.video_id, caption.language, caption.body) == (video.video_id, "en", srt.content)
    assert snippet["defaultLanguage"] == snippet["defaultAudioLanguage"] == "en"


async def test_a_cut_and_a_503_are_resumed_in_the_one_session(
    api: Api, creator: FinishedVideo, youtube: FakeYouTube
) -> None:
    youtube.cuts = {2: 70_000}
    youtube.failures = {4: 503}
    await publish(api, creator)
    await run_publications(api)
    assert (await publication(api, creator))["status"] == "COMPLETED"
    assert youtube.uploaded_bytes() == creator.original
    assert len(youtube.sessions) == 1
    assert [chunk.start for chunk in youtube.chunks].count(0) == 1
    assert youtube.status_queries == 2


async def test_an_access_token_that_expires_mid_upload_is_refreshed_once(
    api: Api, creator: FinishedVideo, youtube: FakeYouTube, google: FakeGoogle
) -> None:
    refreshes_before = _refreshes(google)
    youtube.expire_tokens_after_chunk = 1
    await publish(api, creator)
    await run_publications(api)
    assert (await publication(api, creator))["status"] == "COMPLETED"
    assert youtube.uploaded_bytes() == creator.original
    assert _refreshes(google) == refreshes_before + 1


async def test_a_quota_error_fails_with_what_to_do(
    api: Api, creator: FinishedVideo, youtube: FakeYouTube
) -> None:
    youtube.quota_exceeded = True
    await publish(api, creator)
    await run_publications(api)
    failed = await publication(api, creator)
    assert failed["status"] == "FAILED"
    assert failed["error_message"] == QUOTA_EXCEEDED
    assert youtube.sessions == []
    # Failed is finished: the creator may press Publish again.
    await publish(api, creator)


async def test_a_revoked_channel_fails_asking_to_connect_again(
    api: Api, creator: FinishedVideo, google: FakeGoogle
) -> None:
    google.revoke_refresh_tokens()
    await publish(api, creator)
    await run_publications(api)
    failed = await publication(api, creator)
    assert failed["status"] == "FAILED"
    assert "Connect the channel again" in failed["error_message"]


async def test_publishing_is_refused_with_reasons(
    api: Api, creator: FinishedVideo, chunky_video: Path
) -> None:
    url = f"/api/videos/{creator.video_id}/publish"
    headers = auth(creator.token)

    async def attempt(body: dict[str, Any], headers: dict[str, str] = headers) -> Any:
        return await api.client.post(url, headers=headers, json=body)

    scheduled_public = await attempt(
        {"privacy_status": "public", "publish_at": "2031-01-01T00:00:00Z"}
    )
    assert scheduled_public.status_code == 422
    assert "private" in scheduled_public.json()["error"]["message"]
    past = await attempt({"privacy_status": "private", "publish_at": "2020-01-01T00:00:00Z"})
    assert past.status_code == 422
    far = await attempt({"privacy_status": "private", "publish_at": "9999-12-31T23:00:00-14:00"})
    assert far.status_code == 422
    assert far.json()["error"]["details"][0]["field"] == "publish_at"
    assert (await attempt({"privacy_status": "secret"})).status_code == 422
    unknown = await attempt({"privacy_status": "public", "category_id": "9999"})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["details"][0]["field"] == "category_id"

    stranger = await api.register("stranger@example.com")
    assert (await attempt({"privacy_status": "public"}, auth(stranger))).status_code == 404

    assert (await attempt({"privacy_status": "public"})).status_code == 202
    again = await attempt({"privacy_status": "public"})
    assert again.status_code == 409
    assert "already being published" in again.json()["error"]["message"]

    # The stranger's own video is finished, but no channel is connected.
    uploaded = await api.upload(stranger, chunky_video)
    own = uploaded.json()["video_id"]
    not_finished = await api.client.post(
        f"/api/videos/{own}/publish", headers=auth(stranger), json={"privacy_status": "public"}
    )
    assert not_finished.status_code == 409
    assert "not finished" in not_finished.json()["error"]["message"]


async def test_without_a_connected_channel_publishing_answers_409(
    api: Api, chunky_video: Path
) -> None:
    token = await api.register("solo@example.com")
    uploaded = await api.upload(token, chunky_video)
    from tests.workers import drain_queue

    await drain_queue(api)
    response = await api.client.post(
        f"/api/videos/{uploaded.json()['video_id']}/publish",
        headers=auth(token),
        json={"privacy_status": "public"},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "youtube_not_connected"
    missing = await api.client.get(
        f"/api/videos/{uploaded.json()['video_id']}/publication", headers=auth(token)
    )
    assert missing.status_code == 404


def _refreshes(google: FakeGoogle) -> int:
    return sum(
        1
        for request in google.requests_to("/token")
        if request.form.get("grant_type") == "refresh_token"
    )


async def test_the_uploads_progress_goes_out_as_events_of_the_publish_stage(
    api: Api, creator: FinishedVideo, youtube: FakeYouTube
) -> None:
    # Slow enough that progress is announced between chunks (at most once a second).
    youtube.seconds_per_chunk = 0.35
    heard: list[JobEvent] = []
    # The test client runs no lifespan: start listening (LISTEN on PostgreSQL) as it would.
    await api.runtime.events.start()
    async with api.runtime.events.subscribe() as events:

        async def listen() -> None:
            async for event in events:
                heard.append(event)

        listener = asyncio.create_task(listen())
        await publish(api, creator)
        await run_publications(api)
        await asyncio.sleep(0.1)
        listener.cancel()
    publishing = [event for event in heard if event.stage == PUBLISH_STAGE]
    assert {event.video_id for event in publishing} == {creator.video_id}
    statuses = [event.stage_status for event in publishing]
    assert statuses[0] == "PENDING"
    assert statuses[-1] == "COMPLETED"
    uploading = [event.progress for event in publishing if event.stage_status == "UPLOADING"]
    assert any(0 < (progress or 0) < 1 for progress in uploading), uploading
    assert uploading == sorted(uploading)


async def test_the_outcome_is_announced_to_the_creators_webhooks(
    make_api: AppFactory,
    settings: Settings,
    google: FakeGoogle,
    youtube: FakeYouTube,
    chunky_video: Path,
) -> None:
    publishing = publishing_settings(settings, google, youtube)
    api = await make_api(publishing.model_copy(update={"webhook_allow_private": True}))
    creator = await connected_creator_with_finished_video(api, chunky_video)
    hook = await api.client.post(
        "/api/webhooks",
        json={"url": "http://127.0.0.1:9/hook", "events": ["publication.completed"]},
        headers=auth(creator.token),
    )
    assert hook.status_code == 201, hook.text

    await publish(api, creator)
    assert await run_publications(api) == 1

    async with api.runtime.session_factory() as session:
        queued = (
            await session.execute(select(WebhookDelivery.event_type, WebhookDelivery.body))
        ).all()
    ((event_type, body),) = queued
    assert event_type == "publication.completed"
    data = json.loads(body)["data"]
    assert data["video_id"] == creator.video_id
    assert (data["status"], data["error"]) == ("completed", None)


async def test_a_publication_is_sent_while_jobs_are_still_queued(
    api: Api, creator: FinishedVideo, sample_mp4: Path
) -> None:
    await publish(api, creator)
    job_ids = [(await api.upload(creator.token, sample_mp4)).json()["job_id"] for _ in range(3)]

    async with running_worker(api, worker_concurrency=1), asyncio.timeout(120):
        while True:
            if (await publication(api, creator))["status"] == "COMPLETED":
                break
            await asyncio.sleep(0.1)
        statuses = [(await job_state(api, creator.token, job))["status"] for job in job_ids]

    # Before the queue emptied: the slot took turns between jobs and the publication (how
    # many jobs ran meanwhile depends on how many turns YouTube's processing took).
    assert "PENDING" in statuses, statuses
