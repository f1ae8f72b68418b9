"""One creator never sees, edits, deletes or downloads another's videos, jobs or files."""

from pathlib import Path

import pytest

from tests.conftest import Api, auth

# Every route that names one of user A's resources, as user B would call it.
OWNED_ROUTES = [
    ("GET", "/api/videos/{video_id}", None),
    ("PATCH", "/api/videos/{video_id}/metadata", {"title": "Stolen"}),
    ("POST", "/api/videos/{video_id}/reprocess", None),
    ("GET", "/api/videos/{video_id}/original", None),
    ("DELETE", "/api/videos/{video_id}", None),
    ("GET", "/api/video-processing-jobs/{job_id}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), OWNED_ROUTES)
async def test_another_users_resource_answers_not_found_and_stays_unchanged(
    api: Api, sample_mp4: Path, method: str, path: str, body: dict[str, str] | None
) -> None:
    owner = await api.register("owner@example.com")
    intruder = await api.register("intruder@example.com")
    uploaded = (await api.upload(owner, sample_mp4)).json()
    before = (
        await api.client.get(f"/api/videos/{uploaded['video_id']}", headers=auth(owner))
    ).json()
    url = path.format(**uploaded)

    as_intruder = await api.client.request(method, url, headers=auth(intruder), json=body)
    missing = await api.client.request(
        method,
        path.format(video_id="no-such-id", job_id="no-such-id"),
        headers=auth(owner),
        json=body,
    )

    assert as_intruder.status_code == 404
    # Indistinguishable from an id that does not exist, so ids don't leak.
    assert as_intruder.json() == missing.json()
    after = (
        await api.client.get(f"/api/videos/{uploaded['video_id']}", headers=auth(owner))
    ).json()
    assert after == before
    assert len(api.stored_files()) == 1


async def test_lists_show_only_ones_own(api: Api, sample_mp4: Path) -> None:
    owner = await api.register("owner@example.com")
    other = await api.register("other@example.com")
    await api.upload(owner, sample_mp4)

    videos = (await api.client.get("/api/videos", headers=auth(other))).json()
    jobs = (await api.client.get("/api/video-processing-jobs", headers=auth(other))).json()
    searched = (await api.client.get("/api/videos?q=sample", headers=auth(other))).json()

    assert videos["total"] == jobs["total"] == searched["total"] == 0
    own = (await api.client.get("/api/videos", headers=auth(owner))).json()
    assert own["total"] == 1
