"""The S3 backend against a real S3 protocol server (moto's), through the Storage protocol,
the API and the pipeline."""

import hashlib
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer
from pydantic import SecretStr

from echo_core.config import Settings
from echo_core.storage.base import ObjectNotFoundError, StorageError
from echo_core.storage.chunked_read import READ_CHUNK_BYTES
from echo_core.storage.factory import build_storage
from echo_core.storage.s3 import S3Storage
from tests.conftest import AppFactory, auth
from tests.media import make_video
from tests.workers import drain_queue

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client

MIB = 1024 * 1024
# The smallest part S3 (and moto) accepts; files above it are sent in several parts.
PART_BYTES = 5 * MIB
PREFIX = "echo-test"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def s3_admin(s3_endpoint: str) -> "S3Client":
    """A plain client that looks into buckets behind Echo's back."""
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def bucket(s3_admin: "S3Client") -> str:
    name = f"echo-{uuid.uuid4().hex[:12]}"
    s3_admin.create_bucket(Bucket=name)
    return name


def s3_settings(base: Settings, endpoint: str, bucket: str, **overrides: object) -> Settings:
    return base.model_copy(
        update={
            "storage_backend": "s3",
            "s3_bucket": bucket,
            "s3_endpoint_url": endpoint,
            "s3_region": "us-east-1",
            "s3_access_key_id": "testing",
            "s3_secret_access_key": SecretStr("testing"),
            "s3_prefix": f"/{PREFIX}/",
            "s3_addressing_style": "path",
            "s3_part_bytes": PART_BYTES,
            **overrides,
        }
    )


@pytest.fixture
def store(s3_endpoint: str, bucket: str, tmp_path: Path) -> S3Storage:
    storage = build_storage(s3_settings(Settings(data_dir=tmp_path / "data"), s3_endpoint, bucket))
    assert isinstance(storage, S3Storage)
    return storage


def bucket_keys(s3_admin: "S3Client", bucket: str) -> list[str]:
    pages = s3_admin.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


async def read_all(chunks: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in chunks])


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# The Storage protocol, method by method.


async def test_bytes_are_stored_under_the_prefix_and_read_back(
    store: S3Storage, s3_admin: "S3Client", bucket: str
) -> None:
    await store.put_bytes("jobs/j1/subtitles.vtt", b"WEBVTT\n")

    assert bucket_keys(s3_admin, bucket) == [f"{PREFIX}/jobs/j1/subtitles.vtt"]
    assert await store.exists("jobs/j1/subtitles.vtt")
    assert await store.size("jobs/j1/subtitles.vtt") == 7
    assert await read_all(store.read_range("jobs/j1/subtitles.vtt", 0, 7)) == b"WEBVTT\n"


async def test_ranges_read_exactly_the_bytes_asked_for(store: S3Storage) -> None:
    data = os.urandom(READ_CHUNK_BYTES * 2 + 1000)
    await store.put_bytes("videos/o/v.mp4", data)

    assert await read_all(store.read_range("videos/o/v.mp4", 100, 50)) == data[100:150]
    chunks = [chunk async for chunk in store.read_range("videos/o/v.mp4", 10, len(data) - 10)]
    assert b"".join(chunks) == data[10:]
    assert len(chunks) == 3 and all(len(chunk) <= READ_CHUNK_BYTES for chunk in chunks)
    # Past the end: what exists, then nothing; as a file read would.
    assert await read_all(store.read_range("videos/o/v.mp4", len(data) - 5, 100)) == data[-5:]
    assert await read_all(store.read_range("videos/o/v.mp4", len(data) + 10, 100)) == b""
    assert await read_all(store.read_range("videos/o/v.mp4", 0, 0)) == b""


async def test_a_file_larger_than_a_part_goes_up_in_parts_and_comes_back_whole(
    store: S3Storage, s3_admin: "S3Client", bucket: str, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    with source.open("wb") as handle:
        for _ in range(11):
            handle.write(os.urandom(MIB))

    await store.put_file("videos/o/big.mp4", source)

    head = s3_admin.head_object(Bucket=bucket, Key=f"{PREFIX}/videos/o/big.mp4")
    # A multipart object's ETag ends in its number of parts: 11 MiB in 5 MiB parts is 3.
    assert head["ETag"].strip('"').endswith("-3")
    assert await store.size("videos/o/big.mp4") == 11 * MIB
    assert source.exists(), "the source file is left in place"

    destination = tmp_path / "work" / "job" / "source"
    await store.download_to("videos/o/big.mp4", destination)
    assert _sha256(destination) == _sha256(source)
    assert [path.name for path in destination.parent.iterdir()] == ["source"]


async def test_deleting_a_prefix_removes_that_folder_only(
    store: S3Storage, s3_admin: "S3Client", bucket: str
) -> None:
    for key in ("jobs/a/audio.wav", "jobs/a/thumbnails/0.jpg", "jobs/ab/audio.wav", "videos/x"):
        await store.put_bytes(key, b"data")

    await store.delete_prefix("jobs/a/")

    assert bucket_keys(s3_admin, bucket) == [f"{PREFIX}/jobs/ab/audio.wav", f"{PREFIX}/videos/x"]
    await store.delete_prefix("jobs/nothing-here/")


async def test_deleting_a_prefix_deletes_past_one_listing_page(
    store: S3Storage, s3_admin: "S3Client", bucket: str
) -> None:
    # One listing page and one DeleteObjects call hold 1000 keys.
    def put(index: int) -> None:
        s3_admin.put_object(Bucket=bucket, Key=f"{PREFIX}/jobs/many/{index}", Body=b"")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(put, range(1005)))

    await store.delete_prefix("jobs/many/")

    assert bucket_keys(s3_admin, bucket) == []


async def test_delete_removes_an_object_and_ignores_a_missing_one(store: S3Storage) -> None:
    await store.put_bytes("videos/o/v.mp4", b"video")

    await store.delete("videos/o/v.mp4")
    await store.delete("videos/o/v.mp4")

    assert not await store.exists("videos/o/v.mp4")


async def test_missing_objects_are_reported_as_missing(store: S3Storage, tmp_path: Path) -> None:
    assert not await store.exists("videos/o/none.mp4")
    with pytest.raises(ObjectNotFoundError, match=r"none\.mp4"):
        await store.size("videos/o/none.mp4")
    with pytest.raises(ObjectNotFoundError):
        await read_all(store.read_range("videos/o/none.mp4", 0, 10))
    with pytest.raises(ObjectNotFoundError):
        await store.download_to("videos/o/none.mp4", tmp_path / "out" / "source")
    assert not (tmp_path / "out" / "source").exists()


@pytest.mark.parametrize("key", ["", "/videos/v.mp4", "videos//v.mp4", "../videos/v.mp4", "a/./b"])
async def test_malformed_keys_are_refused(store: S3Storage, key: str) -> None:
    with pytest.raises(StorageError, match="invalid storage key"):
        await store.put_bytes(key, b"data")


async def test_a_missing_bucket_is_named_in_the_error(s3_endpoint: str, tmp_path: Path) -> None:
    settings = s3_settings(Settings(data_dir=tmp_path), s3_endpoint, "no-such-bucket")
    storage = build_storage(settings)

    with pytest.raises(StorageError, match="'no-such-bucket' does not exist"):
        await storage.put_bytes("jobs/j/a.txt", b"data")


async def test_an_unreachable_store_is_a_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    storage = build_storage(s3_settings(Settings(data_dir=tmp_path), closed_port_url(), "b"))

    expected = r"S3 could not read the size of 'videos/v\.mp4'"
    with pytest.raises(StorageError, match=expected) as info:
        await storage.size("videos/v.mp4")
    assert not isinstance(info.value, ObjectNotFoundError)


def test_the_s3_backend_needs_a_bucket(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ECHO_S3_BUCKET"):
        build_storage(Settings(data_dir=tmp_path, storage_backend="s3"))


async def test_presigned_urls_only_when_enabled(
    s3_endpoint: str, bucket: str, store: S3Storage, tmp_path: Path
) -> None:
    await store.put_bytes("videos/o/v.mp4", b"0123456789")
    assert await store.direct_url("videos/o/v.mp4", "video/mp4", "inline") is None

    settings = s3_settings(
        Settings(data_dir=tmp_path), s3_endpoint, bucket, s3_presigned_originals=True
    )
    url = await build_storage(settings).direct_url(
        "videos/o/v.mp4", "video/mp4", 'inline; filename="clip.mp4"'
    )

    assert url is not None
    async with httpx.AsyncClient() as client:
        response = await client.get(url, headers={"Range": "bytes=2-4"})
    assert response.status_code == 206 and response.content == b"234"
    assert response.headers["content-type"] == "video/mp4"
    assert response.headers["content-disposition"] == 'inline; filename="clip.mp4"'


# Through the API and the pipeline.


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_upload_ranged_download_and_delete_through_the_api(
    make_api: AppFactory,
    settings: Settings,
    s3_endpoint: str,
    bucket: str,
    s3_admin: "S3Client",
    sample_mp4: Path,
) -> None:
    api = await make_api(s3_settings(settings, s3_endpoint, bucket))
    token = await api.register("creator@example.com")
    data = sample_mp4.read_bytes()

    uploaded = await api.upload(token, sample_mp4)
    assert uploaded.status_code == 201, uploaded.text
    video_id = uploaded.json()["video_id"]
    assert len(bucket_keys(s3_admin, bucket)) == 1
    assert api.stored_files() == [] and api.temporary_files() == []

    original = f"/api/videos/{video_id}/original"
    part = await api.client.get(original, headers={**auth(token), "Range": "bytes=100-1099"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-1099/{len(data)}"
    assert part.content == data[100:1100]
    whole = await api.client.get(original, headers=auth(token))
    assert whole.status_code == 200 and whole.content == data

    deleted = await api.client.delete(f"/api/videos/{video_id}", headers=auth(token))
    assert deleted.status_code == 204
    assert bucket_keys(s3_admin, bucket) == []
    assert (await api.client.get(original, headers=auth(token))).status_code == 404


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_original_downloads_can_redirect_to_the_store(
    make_api: AppFactory, settings: Settings, s3_endpoint: str, bucket: str, sample_mp4: Path
) -> None:
    api = await make_api(s3_settings(settings, s3_endpoint, bucket, s3_presigned_originals=True))
    token = await api.register("creator@example.com")
    video_id = (await api.upload(token, sample_mp4)).json()["video_id"]

    response = await api.client.get(f"/api/videos/{video_id}/original", headers=auth(token))

    assert response.status_code == 307
    assert response.headers["cache-control"] == "private, no-store"
    location = response.headers["location"]
    assert location.startswith(s3_endpoint)
    async with httpx.AsyncClient() as store_client:
        part = await store_client.get(location, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == sample_mp4.read_bytes()[:100]
    assert 'filename="sample.mp4"' in part.headers["content-disposition"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_an_unreachable_store_answers_503_not_a_traceback(
    make_api: AppFactory,
    settings: Settings,
    sample_mp4: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    api = await make_api(s3_settings(settings, closed_port_url(), "echo"))
    token = await api.register("creator@example.com")

    response = await api.upload(token, sample_mp4)

    assert response.status_code == 503
    assert response.json() == {
        "error": {
            "code": "storage_unavailable",
            "message": "Storage is unavailable; try again.",
            "details": [],
        }
    }
    assert api.temporary_files() == []
    library = await api.client.get("/api/videos", headers=auth(token))
    assert library.json()["total"] == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_pipeline_keeps_its_files_in_s3_and_delete_removes_them_all(
    make_api: AppFactory,
    settings: Settings,
    s3_endpoint: str,
    bucket: str,
    s3_admin: "S3Client",
    tmp_path: Path,
) -> None:
    api = await make_api(s3_settings(settings, s3_endpoint, bucket))
    token = await api.register("creator@example.com")
    # A tone and no speech: audio to extract, an empty transcript, a quick run.
    clip = make_video(tmp_path / "clip.mp4", seconds=3, width=160, height=120, fps=10)
    uploaded = (await api.upload(token, clip)).json()

    assert await drain_queue(api) == 1

    detail = await api.client.get(f"/api/videos/{uploaded['video_id']}", headers=auth(token))
    body = detail.json()
    assert body["latest_job"]["status"] == "COMPLETED", body["latest_job"]
    job_folder = f"{PREFIX}/jobs/{uploaded['job_id']}/"
    keys = bucket_keys(s3_admin, bucket)
    job_keys = {key.removeprefix(job_folder) for key in keys if key.startswith(job_folder)}
    assert {"subtitles.srt", "subtitles.vtt", "thumbnails/0.jpg"} <= job_keys
    assert "audio.wav" not in job_keys, "the finished job keeps no scratch"
    assert len(keys) == len(job_keys) + 1, "the original and the job's files, nothing else"
    assert api.stored_files() == [], "nothing is kept on the local disk"
    assert not (api.settings.work_dir / uploaded["job_id"]).exists()

    vtt = await api.client.get(
        f"/api/videos/{uploaded['video_id']}/subtitles.vtt", headers=auth(token)
    )
    assert vtt.status_code == 200 and vtt.text.startswith("WEBVTT")
    thumbnail = await api.client.get(body["metadata"]["thumbnail_file_url"], headers=auth(token))
    assert thumbnail.status_code == 200 and thumbnail.content.startswith(b"\xff\xd8")

    deleted = await api.client.delete(f"/api/videos/{uploaded['video_id']}", headers=auth(token))
    assert deleted.status_code == 204
    assert bucket_keys(s3_admin, bucket) == []


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(MIB):
            digest.update(block)
    return digest.hexdigest()
