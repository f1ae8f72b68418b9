"""Videos a test can edit: edits are refused while a video's job is queued or running."""

from pathlib import Path

from tests.conftest import Api, auth


async def editable_upload(
    api: Api, token: str, path: Path, filename: str | None = None
) -> dict[str, str]:
    """Upload a video and cancel its job: a finished job, so the video takes edits, without
    running a worker. Its metadata holds only what the upload's probe found."""
    response = await api.upload(token, path, filename=filename)
    assert response.status_code == 201, response.text
    uploaded: dict[str, str] = response.json()
    canceled = await api.client.post(
        f"/api/video-processing-jobs/{uploaded['job_id']}/cancel", headers=auth(token)
    )
    assert canceled.status_code == 200, canceled.text
    return uploaded
