"""Uploading: good videos are probed, stored and queued; bad input leaves nothing behind."""

import re
from pathlib import Path

import av
import pytest
from sqlalchemy import func, select

from echo_core.config import Settings
from echo_core.db import create_engine
from echo_core.models import Video, VideoJob, VideoMetadata
from tests.conftest import Api, AppFactory, auth
from tests.hostile_media import make_video_with_audio_spans
from tests.media import faststart_copy, make_video, truncated_copy
from tests.speech_media import speech_video


async def row_counts(api: Api) -> tuple[int, int, int]:
    engine = create_engine(api.settings.resolved_database_url)
    try:
        async with engine.connect() as connection:
            counts = [
                await connection.scalar(select(func.count()).select_from(model))
                for model in (Video, VideoJob, VideoMetadata)
            ]
    finally:
        await engine.dispose()
    return counts[0] or 0, counts[1] or 0, counts[2] or 0


async def assert_nothing_kept(api: Api) -> None:
    assert await row_counts(api) == (0, 0, 0)
    assert api.stored_files() == []
    assert api.temporary_files() == []


async def test_mp4_upload_is_probed_stored_and_queued(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4, content_type="application/octet-stream")

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "PENDING"
    detail = (await api.client.get(f"/api/videos/{body['video_id']}", headers=auth(token))).json()
    assert detail["original_filename"] == "sample.mp4"
    assert detail["content_type"] == "video/mp4"  # from the probe, not the client's header
    assert detail["size_bytes"] == sample_mp4.stat().st_size
    assert detail["latest_job"]["id"] == body["job_id"]
    assert [stage["name"] for stage in detail["latest_job"]["processing_stages"]][:3] == [
        "probe",
        "extract_audio",
        "transcribe",
    ]
    metadata = detail["metadata"]
    assert metadata["extracted_video_resolution"] == "320x240"
    assert metadata["extracted_video_duration_seconds"] == pytest.approx(2.0, abs=0.1)
    assert metadata["fps"] == pytest.approx(25.0)
    [stored] = api.stored_files()
    assert stored.read_bytes() == sample_mp4.read_bytes()
    assert api.temporary_files() == []


async def test_webm_upload_is_accepted_as_webm(api: Api, sample_webm: Path) -> None:
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_webm, content_type="video/webm")

    assert response.status_code == 201, response.text
    video_id = response.json()["video_id"]
    detail = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()
    assert detail["content_type"] == "video/webm"
    assert api.stored_files()[0].suffix == ".webm"


async def test_empty_file_is_refused_and_nothing_kept(api: Api, tmp_path: Path) -> None:
    token = await api.register("creator@example.com")
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")

    response = await api.upload(token, empty)

    assert response.status_code == 415
    assert response.json()["error"]["message"] == "The file is empty."
    await assert_nothing_kept(api)


async def test_text_file_is_refused_and_nothing_kept(api: Api, tmp_path: Path) -> None:
    token = await api.register("creator@example.com")
    notes = tmp_path / "notes.mp4"
    notes.write_text("These are my show notes, not a video.\n" * 50)

    response = await api.upload(token, notes, content_type="video/mp4")

    assert response.status_code == 415
    assert "not a video" in response.json()["error"]["message"]
    await assert_nothing_kept(api)


async def test_image_is_refused(api: Api, tmp_path: Path) -> None:
    token = await api.register("creator@example.com")
    png = tmp_path / "cover.png"
    # A valid 1x1 PNG: it decodes, but a picture is not a video.
    png.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6e2"
            "5e0000000049454e44ae426082"
        )
    )

    response = await api.upload(token, png, content_type="image/png")

    assert response.status_code == 415
    await assert_nothing_kept(api)


@pytest.mark.parametrize("keep_fraction", [0.02, 0.5])
async def test_truncated_video_is_refused(
    api: Api, sample_mp4: Path, tmp_path: Path, keep_fraction: float
) -> None:
    token = await api.register("creator@example.com")
    broken = truncated_copy(sample_mp4, tmp_path / "broken.mp4", keep_fraction)

    response = await api.upload(token, broken)

    assert response.status_code == 415
    assert "damaged" in response.json()["error"]["message"]
    await assert_nothing_kept(api)


async def test_video_cut_off_after_its_index_is_refused_saying_where_it_ends(
    api: Api, media_dir: Path, tmp_path: Path
) -> None:
    """An MP4 whose index comes first still promises all 80 s when only 40% of it arrived."""
    token = await api.register("creator@example.com")
    spoken = speech_video(media_dir / "speech")
    whole = faststart_copy(spoken.path, tmp_path / "whole.mp4")
    cut = truncated_copy(whole, tmp_path / "cut.mp4", keep_fraction=0.4)

    response = await api.upload(token, cut)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "media_cut_off"
    said = re.search(r"The file seems cut off: it ends at (\d+):(\d\d) of 1:20", error["message"])
    assert said, error["message"]
    said_end = int(said[1]) * 60 + int(said[2])
    assert abs(said_end - last_complete_packet_end(cut)) <= 1.5
    await assert_nothing_kept(api)


async def test_whole_video_with_its_index_first_is_taken(
    api: Api, media_dir: Path, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    spoken = speech_video(media_dir / "speech")

    response = await api.upload(token, faststart_copy(spoken.path, tmp_path / "whole.mp4"))

    assert response.status_code == 201, response.text


def last_complete_packet_end(path: Path) -> float:
    """Where the media a file holds really ends: every packet read in order, to the end."""
    end = 0.0
    with av.open(str(path)) as container:
        for packet in container.demux():
            if packet.pts is not None and packet.time_base is not None and not packet.is_corrupt:
                end = max(end, float((packet.pts + packet.duration) * packet.time_base))
    return end


async def test_oversized_upload_is_stopped_while_streaming(
    make_api: AppFactory, settings_with_small_limit: object, sample_mp4: Path
) -> None:
    api = await make_api(settings_with_small_limit)  # type: ignore[arg-type]
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4)

    assert response.status_code == 413
    assert "limit" in response.json()["error"]["message"]
    await assert_nothing_kept(api)


async def test_declared_length_over_limit_is_refused_before_reading(
    make_api: AppFactory, settings_with_small_limit: object
) -> None:
    api = await make_api(settings_with_small_limit)  # type: ignore[arg-type]
    token = await api.register("creator@example.com")

    response = await api.client.post(
        "/api/videos",
        headers={
            **auth(token),
            "Content-Type": "multipart/form-data; boundary=xyz",
            "Content-Length": str(10 * 1024**3),
        },
        content=b"--xyz--\r\n",
    )

    assert response.status_code == 413
    await assert_nothing_kept(api)


@pytest.fixture
def settings_with_small_limit(settings: object) -> object:
    return settings.model_copy(update={"max_upload_bytes": 10_000})  # type: ignore[attr-defined]


async def test_video_longer_than_the_duration_limit_is_refused_and_nothing_kept(
    api: Api, tmp_path: Path
) -> None:
    token = await api.register("creator@example.com")
    # Some kilobytes whose audio timestamps jump from 0 to 10 hours: the container says 10 h.
    jumping = make_video_with_audio_spans(
        tmp_path / "jumping.mp4", [(0.0, 1.0), (36_000.0, 36_000.2)]
    )

    response = await api.upload(token, jumping)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "media_limit_exceeded"
    assert (
        error["message"] == "The video lasts 10:00:00, longer than the 4:00:00 this server takes."
    )
    await assert_nothing_kept(api)


async def test_duration_limit_is_a_setting(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"max_duration_seconds": 1.5}))
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4)

    assert response.status_code == 422
    assert "longer than the 0:01" in response.json()["error"]["message"]
    await assert_nothing_kept(api)


async def test_video_with_more_pixels_than_the_limit_is_refused_and_nothing_kept(
    make_api: AppFactory, settings: Settings, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"max_video_pixels": 320 * 240 - 1}))
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "media_limit_exceeded"
    assert error["message"] == (
        "The video is 320x240 (76,800 pixels), more than the 76,799 pixels this server takes."
    )
    await assert_nothing_kept(api)


@pytest.mark.parametrize(("width", "accepted"), [(7680, True), (7696, False)])
async def test_8k_is_the_default_pixel_limit(
    api: Api, tmp_path: Path, width: int, accepted: bool
) -> None:
    token = await api.register("creator@example.com")
    frame = make_video(
        tmp_path / "8k.mp4", seconds=0.04, width=width, height=4320, with_audio=False
    )

    response = await api.upload(token, frame)

    assert response.status_code == (201 if accepted else 422), response.text
    if not accepted:
        assert "33,177,600 pixels" in response.json()["error"]["message"]
        await assert_nothing_kept(api)


@pytest.mark.parametrize(
    ("sent_name", "shown_name"),
    [
        ("../../etc/passwd.mp4", "passwd.mp4"),
        ("C:\\Users\\me\\Desktop\\vlog.mp4", "vlog.mp4"),
        ("x" * 296 + ".mp4", "x" * 251 + ".mp4"),
        ("Ünïcödé – 東京 🎬.mp4", "Ünïcödé – 東京 🎬.mp4"),
        ("line\nbreak\r.mp4", "linebreak.mp4"),
        ('say "hi".mp4', 'say "hi".mp4'),
        ("...", "video"),
    ],
)
async def test_hostile_filenames_are_kept_only_as_data(
    api: Api, sample_mp4: Path, sent_name: str, shown_name: str
) -> None:
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4, filename=sent_name)

    assert response.status_code == 201, response.text
    video_id = response.json()["video_id"]
    detail = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()
    assert detail["original_filename"] == shown_name
    [stored] = api.stored_files()
    assert stored.is_relative_to(api.settings.media_dir.resolve())
    assert shown_name not in stored.name
    assert not (Path("/etc") / "passwd.mp4").exists()


async def test_upload_without_file_field_is_refused(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")

    response = await api.client.post(
        "/api/videos", headers=auth(token), files={"video": ("a.mp4", sample_mp4.read_bytes())}
    )

    assert response.status_code == 400
    assert "field 'file'" in response.json()["error"]["message"]
    await assert_nothing_kept(api)


async def test_upload_that_is_not_multipart_is_refused(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")

    response = await api.client.post(
        "/api/videos",
        headers={**auth(token), "Content-Type": "video/mp4"},
        content=sample_mp4.read_bytes(),
    )

    assert response.status_code == 415
    assert "multipart/form-data" in response.json()["error"]["message"]
    await assert_nothing_kept(api)


async def test_upload_requires_sign_in(api: Api, sample_mp4: Path) -> None:
    with sample_mp4.open("rb") as handle:
        response = await api.client.post("/api/videos", files={"file": ("a.mp4", handle)})

    assert response.status_code == 401
    await assert_nothing_kept(api)


async def test_vertical_video_without_audio_is_accepted(api: Api, tmp_path: Path) -> None:
    token = await api.register("creator@example.com")
    short = make_video(tmp_path / "short.mp4", seconds=1, width=180, height=320, with_audio=False)

    response = await api.upload(token, short)

    assert response.status_code == 201, response.text
    video_id = response.json()["video_id"]
    detail = (await api.client.get(f"/api/videos/{video_id}", headers=auth(token))).json()
    assert detail["metadata"]["extracted_video_resolution"] == "180x320"
