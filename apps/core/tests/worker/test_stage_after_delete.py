"""A stage that is still running when its video is deleted writes nothing more once it
could know, and whatever it wrote before that is gone when the worker lets the job go."""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from echo_core.storage.base import Storage
from echo_core.worker.job_store import JobStore
from echo_core.worker.worker import Worker
from tests.conftest import Api, auth
from tests.workers import TEST_ENGINES


class DeletedMidStage:
    """The real store, except that the creator deletes the video just as the thumbnails
    stage writes its first file; that write then lands after the delete."""

    def __init__(self, inner: Storage, delete_video: Callable[[], Awaitable[None]]) -> None:
        self._inner = inner
        self._delete_video = delete_video
        self.writes_after_delete: list[str] = []

    async def put_file(self, key: str, source: Path) -> None:
        if "/thumbnails/" in key and not self.writes_after_delete:
            await self._delete_video()
        if self.writes_after_delete or "/thumbnails/" in key:
            self.writes_after_delete.append(key)
        await self._inner.put_file(key, source)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


async def test_a_stage_finishing_after_its_video_was_deleted_leaves_nothing(
    api: Api, long_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    uploaded = (await api.upload(token, long_mp4)).json()

    async def delete_video() -> None:
        response = await api.client.delete(
            f"/api/videos/{uploaded['video_id']}", headers=auth(token)
        )
        assert response.status_code == 204

    storage = DeletedMidStage(api.runtime.storage, delete_video)
    # The worker's periodic check would come too late to matter: what stops the stage here
    # is that the job is gone when it writes.
    settings = api.settings.model_copy(
        update={**TEST_ENGINES, "thumbnail_count": 6, "job_check_seconds": 3600.0}
    )
    runtime = api.runtime
    worker = Worker(settings, JobStore(runtime.session_factory), storage, runtime.events)  # type: ignore[arg-type]

    assert await worker.run_one()

    assert len(storage.writes_after_delete) == 1, "only the write already under way"
    assert api.stored_files() == []
    assert not (settings.work_dir / uploaded["job_id"]).exists()
