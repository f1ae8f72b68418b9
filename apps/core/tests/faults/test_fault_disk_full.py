"""The disk fills up during an upload: a clear 507, nothing half-written kept, and the
API carries on once the failed upload's bytes are gone.

The data directory is a small tmpfs mounted for the test, so the disk really runs out.
"""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from echo_core.config import Settings
from echo_core.storage.base import StorageFullError
from echo_core.storage.local import LocalStorage
from tests.api.test_uploads import assert_nothing_kept
from tests.conftest import AppFactory, auth

DISK_BYTES = 8 * 1024**2
TOO_BIG_BYTES = 12 * 1024**2

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def files_on(disk: Path) -> list[Path]:
    return [path for path in disk.rglob("*") if path.is_file()]


@pytest.fixture
def too_big(tmp_path: Path) -> Path:
    """Larger than the whole small disk; what it holds does not matter, as the upload is
    refused before anything reads it."""
    path = tmp_path / "too-big.mp4"
    path.write_bytes(os.urandom(TOO_BIG_BYTES))
    return path


async def test_upload_larger_than_the_free_space_is_a_clear_507_and_keeps_nothing(
    make_api: AppFactory, settings: Settings, small_disk: Path, too_big: Path, sample_mp4: Path
) -> None:
    api = await make_api(settings.model_copy(update={"data_dir": small_disk}))
    token = await api.register("creator@example.com")

    refused = await api.upload(token, too_big)

    assert refused.status_code == 507, refused.text
    assert refused.json()["error"]["code"] == "insufficient_storage"
    assert refused.json()["error"]["message"] == (
        "The server has run out of disk space, so the file could not be saved. "
        "Try again once space has been freed."
    )
    await assert_nothing_kept(api)
    assert files_on(small_disk) == []
    # The failed upload's bytes were given back, so a video that fits goes through.
    accepted = await api.upload(token, sample_mp4)
    assert accepted.status_code == 201, accepted.text
    listed = await api.client.get("/api/videos", headers=auth(token))
    assert listed.json()["total"] == 1


async def test_local_storage_on_a_full_disk_raises_storage_full_and_leaves_no_partial(
    small_disk: Path, too_big: Path
) -> None:
    # The source is on another file system, so the store has to copy it, not link it.
    storage = LocalStorage(small_disk / "media")

    with pytest.raises(StorageFullError):
        await storage.put_file("videos/a/too-big.mp4", too_big)
    with pytest.raises(StorageFullError):
        await storage.put_bytes("jobs/1/too-big.bin", too_big.read_bytes())

    assert files_on(small_disk) == []
    await storage.put_bytes("jobs/1/small.txt", b"fits")
    assert await storage.exists("jobs/1/small.txt")
