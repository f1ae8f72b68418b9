"""One creator's backlog never holds back another's upload: claims take creators in turns,
a video has at most one unfinished job, and each creator has a cap on unfinished jobs."""

import asyncio
from pathlib import Path

import httpx

from echo_core.config import Settings
from echo_core.models.processing_status import ProcessingStatus
from echo_core.worker.job_store import JobStore
from tests.conftest import Api, AppFactory, auth
from tests.worker.test_job_queue import open_store, queue_videos

DEFAULT_CAP = 20


async def claim_and_finish(store: JobStore) -> str | None:
    """What a single worker does: the next job is claimed only once the last one is done."""
    job = await store.claim("the-only-worker", 60, 3)
    if job is None:
        return None
    done = ProcessingStatus.COMPLETED
    assert await store.finish(job.id, "the-only-worker", done, job.processing_stages, None)
    return job.id


async def claim_in_order(store: JobStore) -> list[str]:
    order = []
    while (job_id := await claim_and_finish(store)) is not None:
        order.append(job_id)
    return order


async def cancel(api: Api, token: str, job_id: str) -> None:
    response = await api.client.post(
        f"/api/video-processing-jobs/{job_id}/cancel", headers=auth(token)
    )
    assert response.status_code == 200, response.text


async def reprocess(api: Api, token: str, video_id: str) -> httpx.Response:
    return await api.client.post(f"/api/videos/{video_id}/reprocess", headers=auth(token))


async def unfinished_jobs(api: Api, token: str) -> list[dict[str, object]]:
    response = await api.client.get("/api/video-processing-jobs?limit=100", headers=auth(token))
    items: list[dict[str, object]] = response.json()["items"]
    return items


async def test_a_backlog_of_twenty_does_not_hold_back_another_creators_upload(
    api: Api, sample_mp4: Path
) -> None:
    busy = await api.register("busy@example.com")
    other = await api.register("other@example.com")
    backlog = await queue_videos(api, busy, sample_mp4, 20)
    [upload] = await queue_videos(api, other, sample_mp4, 1)
    store, engine = open_store(api)

    order = await claim_in_order(store)

    await engine.dispose()  # type: ignore[attr-defined]
    assert order[:2] == [backlog[0], upload]
    assert order[2:] == backlog[1:]


async def test_one_worker_serves_creators_in_turns(api: Api, sample_mp4: Path) -> None:
    a, b, c = [await api.register(f"{name}@example.com") for name in ("a", "b", "c")]
    a1, a2, a3 = await queue_videos(api, a, sample_mp4, 3)
    b1, b2 = await queue_videos(api, b, sample_mp4, 2)
    store, engine = open_store(api)
    first = await claim_and_finish(store)
    # C arrives while A's first job has run: C waits for B's first, not for A's second.
    [c1] = await queue_videos(api, c, sample_mp4, 1)

    rest = await claim_in_order(store)

    await engine.dispose()  # type: ignore[attr-defined]
    assert [first, *rest] == [a1, b1, c1, a2, b2, a3]


async def test_workers_claiming_at_once_take_each_creators_first_job(
    api: Api, sample_mp4: Path
) -> None:
    busy = await api.register("busy@example.com")
    other = await api.register("other@example.com")
    backlog = await queue_videos(api, busy, sample_mp4, 3)
    [upload] = await queue_videos(api, other, sample_mp4, 1)
    stores = [open_store(api) for _ in range(2)]

    claimed = await asyncio.gather(
        *(store.claim(f"worker-{n}", 60, 3) for n, (store, _engine) in enumerate(stores))
    )

    for _store, engine in stores:
        await engine.dispose()  # type: ignore[attr-defined]
    assert {job.id for job in claimed if job is not None} == {backlog[0], upload}


async def test_reprocess_is_refused_while_the_video_has_a_job_queued_or_running(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()
    queued = await reprocess(api, token, uploaded["video_id"])
    store, engine = open_store(api)
    assert (await store.claim("worker", 60, 3)).id == uploaded["job_id"]  # type: ignore[union-attr]
    await engine.dispose()  # type: ignore[attr-defined]
    running = await reprocess(api, token, uploaded["video_id"])

    for refused in (queued, running):
        assert refused.status_code == 409, refused.text
        error = refused.json()["error"]
        assert error["code"] == "conflict"
        assert error["message"] == "This video is already queued or being processed."
    assert [job["id"] for job in await unfinished_jobs(api, token)] == [uploaded["job_id"]]


async def test_concurrent_reprocess_requests_queue_one_job(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, sample_mp4)).json()
    await cancel(api, token, uploaded["job_id"])

    answers = await asyncio.gather(*(reprocess(api, token, uploaded["video_id"]) for _ in range(5)))

    assert sorted(answer.status_code for answer in answers) == [201, 409, 409, 409, 409]
    [created] = [answer.json()["job_id"] for answer in answers if answer.status_code == 201]
    assert [job["id"] for job in await unfinished_jobs(api, token)] == [created]
    # Retrying the old canceled job would make a second one: refused as well.
    retried = await api.client.post(
        f"/api/video-processing-jobs/{uploaded['job_id']}/retry", headers=auth(token)
    )
    assert retried.status_code == 409
    assert [job["id"] for job in await unfinished_jobs(api, token)] == [created]


async def test_the_job_over_the_cap_is_refused_and_leaves_nothing_behind(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    await queue_videos(api, token, sample_mp4, DEFAULT_CAP)
    stored = api.stored_files()

    refused = await api.upload(token, sample_mp4)

    assert refused.status_code == 429, refused.text
    error = refused.json()["error"]
    assert error["code"] == "queue_full"
    assert error["message"] == (
        "You already have 20 videos waiting or being processed. "
        "Wait until one has finished, then try again."
    )
    library = (await api.client.get("/api/videos", headers=auth(token))).json()
    assert library["total"] == DEFAULT_CAP
    assert len(await unfinished_jobs(api, token)) == DEFAULT_CAP
    assert api.stored_files() == stored
    assert api.temporary_files() == []
    # The cap is per creator: someone else's upload still goes in.
    other = await api.register("other@example.com")
    assert (await api.upload(other, sample_mp4)).status_code == 201


async def test_reprocess_and_retry_count_against_the_same_cap(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"max_queued_jobs_per_user": 2}))
    token = await api.register("creator@example.com")
    first = (await api.upload(token, sample_mp4)).json()
    await cancel(api, token, first["job_id"])
    await queue_videos(api, token, sample_mp4, 2)
    before = await unfinished_jobs(api, token)

    reprocessed = await reprocess(api, token, first["video_id"])
    retried = await api.client.post(
        f"/api/video-processing-jobs/{first['job_id']}/retry", headers=auth(token)
    )

    for refused in (reprocessed, retried):
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"]["message"].startswith("You already have 2 videos waiting")
    assert await unfinished_jobs(api, token) == before
    detail = (await api.client.get(f"/api/videos/{first['video_id']}", headers=auth(token))).json()
    assert detail["latest_job"]["id"] == first["job_id"]
    assert detail["latest_job"]["status"] == "CANCELED"


async def test_concurrent_requests_never_exceed_the_cap(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"max_queued_jobs_per_user": 2}))
    token = await api.register("creator@example.com")
    uploads = []
    for _ in range(3):
        uploads.append((await api.upload(token, sample_mp4)).json())
        await cancel(api, token, uploads[-1]["job_id"])

    answers = await asyncio.gather(
        *(reprocess(api, token, uploaded["video_id"]) for uploaded in uploads)
    )

    assert sorted(answer.status_code for answer in answers) == [201, 201, 429]
    assert len(await unfinished_jobs(api, token)) == 2
