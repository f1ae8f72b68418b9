"""Downloads are named after the video, so a creator's folder of them stays readable."""

from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import update

from echo_core.models.video_metadata import VideoMetadata
from tests.conftest import Api, auth


async def _filename(api: Api, token: str, video_id: str, file: str) -> str:
    response = await api.client.get(f"/api/videos/{video_id}/{file}", headers=auth(token))
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    # What browsers save under: the UTF-8 name (the plain one is its ASCII stand-in).
    return unquote(disposition.split("filename*=UTF-8''", 1)[1])


async def _set_title(api: Api, title: str) -> None:
    # Written as the pipeline would: edits through the API wait for the job to finish.
    async with api.runtime.session_factory() as session:
        await session.execute(update(VideoMetadata).values(title=title))
        await session.commit()


async def test_downloads_are_named_after_the_title_made_safe(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    upload = await api.upload(token, sample_mp4, filename="raw-footage.mp4")
    video_id = upload.json()["video_id"]
    async with api.runtime.session_factory() as session:
        await session.execute(update(VideoMetadata).values(transcript_text="Hello there."))
        await session.commit()

    assert await _filename(api, token, video_id, "transcript.txt") == (
        "raw-footage - transcript.txt"
    )
    assert await _filename(api, token, video_id, "export.json") == "raw-footage - export.json"

    await _set_title(api, 'Risotto: the "fast" way / part 2?')

    assert await _filename(api, token, video_id, "transcript.txt") == (
        "Risotto the fast way part 2 - transcript.txt"
    )
    assert await _filename(api, token, video_id, "youtube.txt") == (
        "Risotto the fast way part 2 - YouTube.txt"
    )
    assert await _filename(api, token, video_id, "export.json") == (
        "Risotto the fast way part 2 - export.json"
    )


async def test_a_title_with_nothing_safe_in_it_falls_back_to_the_file_name(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    upload = await api.upload(token, sample_mp4, filename="Été à Paris.mp4")
    video_id = upload.json()["video_id"]
    await _set_title(api, '"?*|...')

    assert await _filename(api, token, video_id, "youtube.txt") == "Été à Paris - YouTube.txt"
