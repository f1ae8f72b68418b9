"""Every edit answers 409 when it would be lost: while the video's job is queued or running
(the job would overwrite it), and when made from a version that is no longer current."""

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from echo_core.worker.job_store import JobStore
from tests.conftest import Api, auth
from tests.editing import editable_upload

CHAPTERS = [
    {"start_seconds": 0, "title": "Intro"},
    {"start_seconds": 12, "title": "Trams"},
    {"start_seconds": 25, "title": "Food"},
]


async def metadata_of(api: Api, token: str, video_id: str) -> dict[str, Any]:
    detail = await api.client.get(f"/api/videos/{video_id}", headers=auth(token))
    metadata: dict[str, Any] = detail.json()["metadata"]
    return metadata


async def every_edit(api: Api, token: str, video_id: str) -> list[httpx.Response]:
    base = f"/api/videos/{video_id}"
    return [
        await api.client.patch(f"{base}/metadata", headers=auth(token), json={"title": "Mine"}),
        await api.client.put(
            f"{base}/chapters", headers=auth(token), json={"version": 1, "chapters": CHAPTERS}
        ),
        await api.client.put(
            f"{base}/transcript",
            headers=auth(token),
            json={"version": 1, "segments": [{"id": None, "start": 0, "end": 1, "text": "Hi"}]},
        ),
        await api.client.post(
            f"{base}/transcript/restore", headers=auth(token), json={"version": 1}
        ),
    ]


def assert_busy(responses: list[httpx.Response]) -> None:
    for response in responses:
        assert response.status_code == 409, (response.request.url, response.text)
        error = response.json()["error"]
        assert error["code"] == "video_busy"
        assert "being processed" in error["message"]


async def test_edits_while_the_job_is_queued_are_refused(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await api.upload(token, long_mp4)).json()["video_id"]

    assert_busy(await every_edit(api, token, video_id))

    metadata = await metadata_of(api, token, video_id)
    assert metadata["title"] is None and metadata["chapters"] == []
    assert metadata["edited_fields"] == []


async def test_edits_while_the_job_is_running_are_refused(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await api.upload(token, long_mp4)).json()["video_id"]
    claimed = await JobStore(api.runtime.session_factory).claim("a-worker", 60, 3)
    assert claimed is not None and claimed.video_id == video_id

    assert_busy(await every_edit(api, token, video_id))


async def test_edits_after_a_reprocess_was_queued_are_refused(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    reprocess = await api.client.post(f"/api/videos/{video_id}/reprocess", headers=auth(token))
    assert reprocess.status_code == 201

    assert_busy(await every_edit(api, token, video_id))


async def test_a_stale_metadata_version_is_refused_with_the_current_one(
    api: Api, long_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    url = f"/api/videos/{video_id}/metadata"
    loaded = (await metadata_of(api, token, video_id))["version"]

    first = await api.client.patch(
        url, headers=auth(token), json={"version": loaded, "title": "From tab one"}
    )
    second = await api.client.patch(
        url, headers=auth(token), json={"version": loaded, "title": "From tab two"}
    )

    assert first.status_code == 200, first.text
    assert first.json()["version"] == loaded + 1
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "stale_version"
    assert error["details"] == [
        {"message": error["message"], "field": "version", "current_version": loaded + 1}
    ]
    assert (await metadata_of(api, token, video_id))["title"] == "From tab one"


async def test_a_stale_version_refuses_a_chapter_edit(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    loaded = (await metadata_of(api, token, video_id))["version"]
    titled = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers=auth(token),
        json={"version": loaded, "description": "A day in Lisbon."},
    )
    assert titled.status_code == 200

    response = await api.client.put(
        f"/api/videos/{video_id}/chapters",
        headers=auth(token),
        json={"version": loaded, "chapters": CHAPTERS},
    )

    assert response.status_code == 409
    assert response.json()["error"]["details"][0]["current_version"] == loaded + 1
    assert (await metadata_of(api, token, video_id))["chapters"] == []


async def test_of_two_edits_made_from_one_version_only_one_lands(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    loaded = (await metadata_of(api, token, video_id))["version"]

    responses = await asyncio.gather(
        *(
            api.client.patch(
                f"/api/videos/{video_id}/metadata",
                headers=auth(token),
                json={"version": loaded, "title": f"Tab {tab}"},
            )
            for tab in range(4)
        )
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409, 409, 409]
    winner = next(response for response in responses if response.status_code == 200)
    saved = await metadata_of(api, token, video_id)
    assert (saved["title"], saved["version"]) == (winner.json()["title"], loaded + 1)


async def test_an_edit_without_a_version_applies_to_the_current_one(
    api: Api, long_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    loaded = (await metadata_of(api, token, video_id))["version"]

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata", headers=auth(token), json={"tags": ["lisbon"]}
    )

    assert response.status_code == 200
    assert response.json()["version"] == loaded + 1


async def test_a_page_loaded_before_a_reprocess_cannot_overwrite_the_new_job(
    api: Api, long_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = await editable_upload(api, token, long_mp4)
    video_id = uploaded["video_id"]
    loaded = await metadata_of(api, token, video_id)
    new_job = (
        await api.client.post(f"/api/videos/{video_id}/reprocess", headers=auth(token))
    ).json()["job_id"]
    await api.client.post(f"/api/video-processing-jobs/{new_job}/cancel", headers=auth(token))

    metadata = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers=auth(token),
        json={"version": loaded["version"], "title": "Old tab"},
    )
    transcript = await api.client.put(
        f"/api/videos/{video_id}/transcript",
        headers=auth(token),
        json={"version": loaded["transcript_version"], "segments": []},
    )

    assert metadata.status_code == 409 and transcript.status_code == 409
    assert metadata.json()["error"]["code"] == transcript.json()["error"]["code"] == "stale_version"


@pytest.mark.parametrize("keep_edits", ["yes", 1.5, None])
async def test_reprocess_refuses_a_keep_edits_that_is_not_a_boolean(
    api: Api, sample_mp4: Path, keep_edits: object
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, sample_mp4))["video_id"]

    response = await api.client.post(
        f"/api/videos/{video_id}/reprocess", headers=auth(token), json={"keep_edits": keep_edits}
    )

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "keep_edits"
