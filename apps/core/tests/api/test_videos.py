"""The video library, details, edits, reprocessing, deletion and the original file."""

from pathlib import Path

import pytest

from tests.conftest import Api, auth
from tests.editing import editable_upload


async def upload_ok(
    api: Api, token: str, path: Path, filename: str | None = None
) -> dict[str, str]:
    response = await api.upload(token, path, filename=filename)
    assert response.status_code == 201, response.text
    body: dict[str, str] = response.json()
    return body


async def test_library_lists_newest_first_with_paging(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    ids = [(await upload_ok(api, token, sample_mp4, f"clip-{n}.mp4"))["video_id"] for n in range(3)]

    first = (await api.client.get("/api/videos?limit=2", headers=auth(token))).json()
    second = (await api.client.get("/api/videos?limit=2&offset=2", headers=auth(token))).json()

    assert first["total"] == 3 and second["total"] == 3
    assert [item["id"] for item in first["items"] + second["items"]] == ids[::-1]
    card = first["items"][0]
    assert card["original_filename"] == "clip-2.mp4"
    assert card["status"] == "PENDING"
    assert card["duration_seconds"] == pytest.approx(2.0, abs=0.1)


async def test_library_filters_by_text_in_filename_or_title(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    cooking = await upload_ok(api, token, sample_mp4, "Cooking pasta.mp4")
    await upload_ok(api, token, sample_mp4, "100%_real.mp4")
    accented = await upload_ok(api, token, sample_mp4, "Été à Paris.mp4")
    titled = await editable_upload(api, token, sample_mp4, "raw-footage.mp4")
    await api.client.patch(
        f"/api/videos/{titled['video_id']}/metadata",
        headers=auth(token),
        json={"title": "How I cook risotto"},
    )

    async def search(text: str) -> list[str]:
        response = await api.client.get("/api/videos", params={"q": text}, headers=auth(token))
        return [item["id"] for item in response.json()["items"]]

    assert await search("COOK") == [titled["video_id"], cooking["video_id"]]
    assert await search("PASTA") == [cooking["video_id"]]
    assert len(await search("%_")) == 1  # wildcards are taken literally
    assert await search("été À") == [accented["video_id"]]
    assert await search("nothing like this") == []


async def test_library_filters_by_status(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    await upload_ok(api, token, sample_mp4)

    pending = await api.client.get("/api/videos?status=PENDING", headers=auth(token))
    done = await api.client.get("/api/videos?status=COMPLETED&status=FAILED", headers=auth(token))
    invalid = await api.client.get("/api/videos?status=DONE", headers=auth(token))

    assert pending.json()["total"] == 1
    assert done.json()["total"] == 0
    assert invalid.status_code == 422
    assert invalid.json()["error"]["details"][0]["field"] == "status.0"


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1"])
async def test_library_rejects_bad_paging(api: Api, query: str) -> None:
    token = await api.register("creator@example.com")

    response = await api.client.get(f"/api/videos?{query}", headers=auth(token))

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


async def test_unknown_video_is_not_found(api: Api) -> None:
    token = await api.register("creator@example.com")

    response = await api.client.get("/api/videos/does-not-exist", headers=auth(token))

    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "Video not found.",
        "details": [],
    }


async def test_metadata_edits_are_saved(api: Api, long_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]
    edits = {
        "title": "My trip to Lisbon – day 1",
        "description": "Trams, tiles and pastéis de nata.",
        "tags": ["travel", "lisbon", "city break"],
        "chapters": [
            {"start_seconds": 0, "title": "Intro"},
            {"start_seconds": 12, "title": "Trams"},
            {"start_seconds": 25, "title": "Food"},
        ],
    }

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata", headers=auth(token), json=edits
    )

    assert response.status_code == 200, response.text
    saved = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()
    for field in ("title", "tags", "chapters"):
        assert saved["metadata"][field] == edits[field]
    # The description is stored without chapter lines; YouTube gets them generated.
    assert saved["metadata"]["description_body"] == edits["description"]
    assert saved["metadata"]["description"] == (
        "Trams, tiles and pastéis de nata.\n\n0:00 Intro\n0:12 Trams\n0:25 Food"
    )
    assert set(saved["metadata"]["edited_fields"]) == {"title", "description", "tags", "chapters"}
    assert saved["metadata"]["updated_at"] >= saved["metadata"]["created_at"]


async def test_partial_metadata_edit_leaves_other_fields(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, sample_mp4))["video_id"]
    url = f"/api/videos/{video_id}/metadata"
    await api.client.patch(url, headers=auth(token), json={"title": "First", "tags": ["a"]})

    await api.client.patch(url, headers=auth(token), json={"description": "Now with words"})

    metadata = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()[
        "metadata"
    ]
    assert (metadata["title"], metadata["tags"], metadata["description"]) == (
        "First",
        ["a"],
        "Now with words",
    )


def chapters_at(*starts: int) -> list[dict[str, object]]:
    """Chapters starting at `starts` seconds, titled A, B, C and so on."""
    return [{"start_seconds": start, "title": chr(ord("A") + n)} for n, start in enumerate(starts)]


@pytest.mark.parametrize(
    ("edit", "message_part"),
    [
        ({"title": "x" * 101}, "at most 100 characters"),
        ({"title": "   "}, "must not be empty"),
        ({"title": "Best <script> ever"}, "< or >"),
        ({"description": "é" * 2501}, "5000 bytes"),
        ({"description": "a > b"}, "< or >"),
        ({"tags": ["word"] * 101}, "500 characters"),
        ({"tags": ["ok", ""]}, "must not be empty"),
        ({"chapters": chapters_at(0, 20)}, "at least 3"),
        ({"chapters": chapters_at(5, 20, 30)}, "0:00"),
        ({"chapters": chapters_at(0, 5, 30)}, "at least 10 seconds"),
        ({"chapters": chapters_at(0, 30, 15)}, "ascending"),
        ({"chapters": chapters_at(0, 12, 35)}, "at least 10 seconds"),
        ({"views": 1000}, "Extra inputs"),
    ],
)
async def test_metadata_edits_over_youtube_limits_are_refused(
    api: Api, long_mp4: Path, edit: dict[str, object], message_part: str
) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, long_mp4))["video_id"]

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata", headers=auth(token), json=edit
    )

    assert response.status_code == 422
    assert message_part in response.json()["error"]["message"]
    metadata = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()[
        "metadata"
    ]
    assert metadata["title"] is None and metadata["tags"] == [] and metadata["chapters"] == []


async def test_malformed_json_gets_a_clear_error(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await editable_upload(api, token, sample_mp4))["video_id"]

    response = await api.client.patch(
        f"/api/videos/{video_id}/metadata",
        headers={**auth(token), "Content-Type": "application/json"},
        content=b'{"title": "unterminated',
    )

    assert response.status_code == 422
    assert response.json()["error"]["message"] == "The request body is not valid JSON."


async def test_reprocess_queues_a_new_job_that_becomes_latest(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    uploaded = await upload_ok(api, token, sample_mp4)
    # A video with a job still queued cannot be reprocessed (tests/test_fair_queue.py).
    canceled = await api.client.post(
        f"/api/video-processing-jobs/{uploaded['job_id']}/cancel", headers=auth(token)
    )
    assert canceled.status_code == 200

    response = await api.client.post(
        f"/api/videos/{uploaded['video_id']}/reprocess", headers=auth(token)
    )

    assert response.status_code == 201
    new_job_id = response.json()["job_id"]
    assert new_job_id != uploaded["job_id"]
    detail = (
        await api.client.get(f"/api/videos/{uploaded['video_id']}", headers=auth(token))
    ).json()
    assert detail["latest_job"]["id"] == new_job_id
    assert detail["latest_job"]["status"] == "PENDING"
    assert detail["metadata"]["extracted_video_resolution"] == "320x240"
    jobs = (
        await api.client.get(
            "/api/video-processing-jobs?status=PENDING&status=CANCELED", headers=auth(token)
        )
    ).json()
    assert jobs["total"] == 2


async def test_delete_removes_rows_and_files(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    uploaded = await upload_ok(api, token, sample_mp4)
    assert len(api.stored_files()) == 1

    response = await api.client.delete(f"/api/videos/{uploaded['video_id']}", headers=auth(token))

    assert response.status_code == 204
    assert api.stored_files() == []
    gone = await api.client.get(f"/api/videos/{uploaded['video_id']}", headers=auth(token))
    assert gone.status_code == 404
    job = await api.client.get(
        f"/api/video-processing-jobs/{uploaded['job_id']}", headers=auth(token)
    )
    assert job.status_code == 404
    again = await api.client.delete(f"/api/videos/{uploaded['video_id']}", headers=auth(token))
    assert again.status_code == 404


async def test_original_is_served_whole_and_by_range(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video_id = (await upload_ok(api, token, sample_mp4))["video_id"]
    url = f"/api/videos/{video_id}/original"
    original = sample_mp4.read_bytes()
    size = len(original)

    whole = await api.client.get(url, headers=auth(token))
    middle = await api.client.get(url, headers={**auth(token), "Range": "bytes=100-199"})
    open_ended = await api.client.get(url, headers={**auth(token), "Range": "bytes=1000-"})
    suffix = await api.client.get(url, headers={**auth(token), "Range": "bytes=-50"})
    beyond = await api.client.get(url, headers={**auth(token), "Range": f"bytes={size}-"})

    assert whole.status_code == 200 and whole.content == original
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] == "video/mp4"
    assert middle.status_code == 206 and middle.content == original[100:200]
    assert middle.headers["content-range"] == f"bytes 100-199/{size}"
    assert open_ended.content == original[1000:]
    assert suffix.content == original[-50:]
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{size}"


async def test_jobs_list_defaults_to_active_jobs(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    first = await upload_ok(api, token, sample_mp4, "first.mp4")
    second = await upload_ok(api, token, sample_mp4, "second.mp4")

    active = (await api.client.get("/api/video-processing-jobs", headers=auth(token))).json()
    finished = (
        await api.client.get(
            "/api/video-processing-jobs?status=COMPLETED&status=FAILED", headers=auth(token)
        )
    ).json()
    one = await api.client.get(f"/api/video-processing-jobs/{first['job_id']}", headers=auth(token))

    assert [job["id"] for job in active["items"]] == [second["job_id"], first["job_id"]]
    assert active["items"][0]["video"]["original_filename"] == "second.mp4"
    assert finished == {"items": [], "total": 0, "limit": 20, "offset": 0}
    assert one.status_code == 200
    assert one.json()["video_id"] == first["video_id"]
    assert one.json()["attempts"] == 0
