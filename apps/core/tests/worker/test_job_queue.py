"""The job table as a queue: exclusive claims, leases, reclaiming, attempts, cancel, retry."""

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from echo_core.db import create_engine, create_session_factory
from echo_core.models import VideoJob
from echo_core.models.base import utcnow
from echo_core.models.processing_status import ProcessingStatus
from echo_core.worker.job_store import JobStore
from tests.conftest import Api, auth


async def queue_videos(api: Api, token: str, video: Path, count: int) -> list[str]:
    job_ids = []
    for _ in range(count):
        response = await api.upload(token, video)
        assert response.status_code == 201, response.text
        job_ids.append(response.json()["job_id"])
    return job_ids


def open_store(api: Api) -> tuple[JobStore, object]:
    engine = create_engine(api.settings.resolved_database_url)
    return JobStore(create_session_factory(engine)), engine


async def expire_lease(api: Api, job_id: str) -> None:
    engine = create_engine(api.settings.resolved_database_url)
    async with engine.begin() as connection:
        await connection.execute(
            update(VideoJob)
            .where(VideoJob.id == job_id)
            .values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    await engine.dispose()


async def test_concurrent_workers_never_claim_the_same_job(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    job_ids = await queue_videos(api, token, sample_mp4, 6)
    stores = [open_store(api) for _ in range(4)]

    async def claim_all(store: JobStore, worker_id: str) -> list[str]:
        claimed = []
        while (job := await store.claim(worker_id, lease_seconds=60, max_attempts=3)) is not None:
            claimed.append(job.id)
        return claimed

    results = await asyncio.gather(
        *(claim_all(store, f"worker-{n}") for n, (store, _engine) in enumerate(stores))
    )
    for _store, engine in stores:
        await engine.dispose()  # type: ignore[attr-defined]

    claimed = [job_id for result in results for job_id in result]
    assert sorted(claimed) == sorted(job_ids)  # every job once, none twice
    jobs = (
        await api.client.get("/api/video-processing-jobs?status=PROCESSING", headers=auth(token))
    ).json()
    assert jobs["total"] == 6
    assert {job["attempts"] for job in jobs["items"]} == {1}


async def test_oldest_job_is_claimed_first(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    job_ids = await queue_videos(api, token, sample_mp4, 3)
    store, engine = open_store(api)

    order = [(await store.claim("w", 60, 3)).id for _ in job_ids]  # type: ignore[union-attr]

    await engine.dispose()  # type: ignore[attr-defined]
    assert order == job_ids


async def test_expired_lease_is_reclaimed_and_counts_an_attempt(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    [job_id] = await queue_videos(api, token, sample_mp4, 1)
    store, engine = open_store(api)
    first = await store.claim("dead-worker", 60, 3)
    assert first is not None and await store.claim("other", 60, 3) is None  # leased

    await expire_lease(api, job_id)
    second = await store.claim("live-worker", 60, 3)

    assert second is not None and second.id == job_id
    assert second.attempts == 2 and second.lease_owner == "live-worker"
    # The dead worker can no longer write anything about the job.
    assert not await store.renew(job_id, "dead-worker", 60)
    assert not await store.save_stages(job_id, "dead-worker", [])
    assert await store.renew(job_id, "live-worker", 60)
    await engine.dispose()  # type: ignore[attr-defined]


async def test_job_abandoned_on_its_last_attempt_fails_with_a_readable_message(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    [job_id] = await queue_videos(api, token, sample_mp4, 1)
    store, engine = open_store(api)
    for attempt in range(2):
        assert await store.claim(f"worker-{attempt}", 60, max_attempts=2) is not None
        await expire_lease(api, job_id)

    failed = await store.fail_abandoned(max_attempts=2)
    reclaimed = await store.claim("another", 60, max_attempts=2)

    await engine.dispose()  # type: ignore[attr-defined]
    assert [job.id for job in failed] == [job_id] and reclaimed is None
    job = (await api.client.get(f"/api/video-processing-jobs/{job_id}", headers=auth(token))).json()
    assert job["status"] == "FAILED"
    assert "stopped responding 2 times" in job["error_message"]
    assert "Traceback" not in job["error_message"]


async def test_canceled_job_is_not_claimed_and_its_worker_loses_it(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    running, waiting = await queue_videos(api, token, sample_mp4, 2)
    store, engine = open_store(api)
    assert (await store.claim("worker", 60, 3)).id == running  # type: ignore[union-attr]

    for job_id in (running, waiting):
        response = await api.client.post(
            f"/api/video-processing-jobs/{job_id}/cancel", headers=auth(token)
        )
        assert response.status_code == 200 and response.json()["status"] == "CANCELED"

    assert await store.claim("worker", 60, 3) is None
    assert not await store.renew(running, "worker", 60)
    await engine.dispose()  # type: ignore[attr-defined]
    again = await api.client.post(
        f"/api/video-processing-jobs/{running}/cancel", headers=auth(token)
    )
    assert again.status_code == 409


async def test_retry_queues_a_canceled_job_again_with_fresh_attempts(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    [job_id] = await queue_videos(api, token, sample_mp4, 1)
    pending_retry = await api.client.post(
        f"/api/video-processing-jobs/{job_id}/retry", headers=auth(token)
    )
    await api.client.post(f"/api/video-processing-jobs/{job_id}/cancel", headers=auth(token))

    response = await api.client.post(
        f"/api/video-processing-jobs/{job_id}/retry", headers=auth(token)
    )

    assert pending_retry.status_code == 409
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["attempts"], body["error_message"]) == ("PENDING", 0, None)
    store, engine = open_store(api)
    assert (await store.claim("worker", 60, 3)).id == job_id  # type: ignore[union-attr]
    await engine.dispose()  # type: ignore[attr-defined]


async def test_another_users_job_cannot_be_canceled_or_retried(api: Api, sample_mp4: Path) -> None:
    owner = await api.register("owner@example.com")
    intruder = await api.register("intruder@example.com")
    [job_id] = await queue_videos(api, owner, sample_mp4, 1)

    for action in ("cancel", "retry"):
        response = await api.client.post(
            f"/api/video-processing-jobs/{job_id}/{action}", headers=auth(intruder)
        )
        assert response.status_code == 404

    job = (await api.client.get(f"/api/video-processing-jobs/{job_id}", headers=auth(owner))).json()
    assert job["status"] == ProcessingStatus.PENDING.value
