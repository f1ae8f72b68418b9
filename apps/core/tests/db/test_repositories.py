"""Repository queries against a real database: owner scoping, order, paging, eager loads."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from echo_core.db import create_engine, create_session_factory
from echo_core.models import ProcessingStatus, Video, VideoJob, VideoMetadata
from echo_core.models.base import new_id
from echo_core.operations.video_job_repository import VideoJobRepository
from echo_core.operations.video_metadata_repository import VideoMetadataRepository
from echo_core.operations.video_repository import VideoRepository, VideoSummary
from echo_core.services.jobs_factory import new_metadata, new_pending_job

ALICE = "alice"
BOB = "bob"
PENDING = ProcessingStatus.PENDING
PROCESSING = ProcessingStatus.PROCESSING
COMPLETED = ProcessingStatus.COMPLETED
FAILED = ProcessingStatus.FAILED
ALL_STATUSES = list(ProcessingStatus)


def minute(n: int) -> datetime:
    return datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=n)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessions() as session:
        yield session


async def add_video(
    session: AsyncSession, owner: str, created_at: datetime, filename: str = "clip.mp4"
) -> Video:
    video = Video(
        uploader_user_id=owner,
        original_filename=filename,
        storage_path=f"media/{new_id()}.mp4",
        content_type="video/mp4",
        size_bytes=1024,
        created_at=created_at,
        updated_at=created_at,
    )
    session.add(video)
    await session.flush()
    return video


async def add_job(
    session: AsyncSession,
    video: Video,
    created_at: datetime,
    status: ProcessingStatus = PENDING,
    title: str | None = None,
) -> VideoJob:
    job = new_pending_job(video.id)
    job.status = status
    job.created_at = created_at
    session.add(job)
    await session.flush()
    metadata = new_metadata(job.id, None)
    metadata.title = title
    session.add(metadata)
    await session.flush()
    return job


async def add_video_with_job(
    session: AsyncSession,
    owner: str,
    created_at: datetime,
    status: ProcessingStatus = PENDING,
    filename: str = "clip.mp4",
    title: str | None = None,
) -> tuple[Video, VideoJob]:
    video = await add_video(session, owner, created_at, filename)
    job = await add_job(session, video, created_at, status, title)
    return video, job


async def list_ids(
    session: AsyncSession,
    owner: str = ALICE,
    statuses: list[ProcessingStatus] | None = None,
    text_query: str | None = None,
) -> list[str]:
    rows, _total = await VideoRepository(session).list_summaries(
        owner, statuses or [], text_query, limit=50, offset=0
    )
    return [row.id for row in rows]


# VideoJobRepository.get_by_user_id_and_statuses and count_by_user_id_and_statuses


async def test_jobs_by_user_and_statuses_are_the_users_own_in_those_statuses_newest_first(
    session: AsyncSession,
) -> None:
    _, oldest = await add_video_with_job(session, ALICE, minute(1), PENDING)
    _, middle = await add_video_with_job(session, ALICE, minute(2), COMPLETED)
    _, newest = await add_video_with_job(session, ALICE, minute(3), FAILED)
    await add_video_with_job(session, ALICE, minute(4), PROCESSING)
    await add_video_with_job(session, BOB, minute(5), PENDING)

    jobs = await VideoJobRepository(session).get_by_user_id_and_statuses(
        ALICE, [PENDING, COMPLETED, FAILED], limit=10, offset=0
    )

    assert [job.id for job in jobs] == [newest.id, middle.id, oldest.id]


async def test_jobs_by_user_and_statuses_are_paged_by_limit_and_offset(
    session: AsyncSession,
) -> None:
    jobs = [(await add_video_with_job(session, ALICE, minute(n)))[1] for n in range(5)]
    newest_first = [job.id for job in reversed(jobs)]
    repository = VideoJobRepository(session)

    pages = [
        await repository.get_by_user_id_and_statuses(ALICE, [PENDING], limit=2, offset=offset)
        for offset in (0, 2, 4)
    ]

    assert [[job.id for job in page] for page in pages] == [
        newest_first[0:2],
        newest_first[2:4],
        newest_first[4:5],
    ]


async def test_jobs_by_user_and_statuses_carry_video_and_metadata_past_the_session(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await add_video_with_job(session, ALICE, minute(1), filename="talk.mp4", title="A talk")
        await session.commit()

    # A new session, so nothing is already in the identity map from the inserts.
    async with sessions() as session:
        jobs = await VideoJobRepository(session).get_by_user_id_and_statuses(
            ALICE, [PENDING], limit=10, offset=0
        )

    [job] = jobs
    assert job.video.original_filename == "talk.mp4"
    assert job.video_metadata is not None
    assert job.video_metadata.title == "A talk"


async def test_count_by_user_and_statuses_counts_only_the_users_jobs_in_those_statuses(
    session: AsyncSession,
) -> None:
    video, _ = await add_video_with_job(session, ALICE, minute(1), PENDING)
    await add_job(session, video, minute(2), FAILED)
    await add_video_with_job(session, ALICE, minute(3), COMPLETED)
    await add_video_with_job(session, BOB, minute(4), PENDING)
    repository = VideoJobRepository(session)

    assert await repository.count_by_user_id_and_statuses(ALICE, [PENDING, FAILED]) == 2
    assert await repository.count_by_user_id_and_statuses(ALICE, ALL_STATUSES) == 3
    assert await repository.count_by_user_id_and_statuses(BOB, [COMPLETED]) == 0


# VideoRepository.list_summaries and get_with_latest_job


async def test_list_shows_only_the_owners_videos_newest_first(session: AsyncSession) -> None:
    oldest = await add_video(session, ALICE, minute(1))
    newest = await add_video(session, ALICE, minute(3))
    middle = await add_video(session, ALICE, minute(2))
    await add_video(session, BOB, minute(4))

    assert await list_ids(session) == [newest.id, middle.id, oldest.id]


async def test_list_is_paged_and_totals_every_match(session: AsyncSession) -> None:
    videos = [await add_video(session, ALICE, minute(n)) for n in range(5)]
    newest_first = [video.id for video in reversed(videos)]

    rows, total = await VideoRepository(session).list_summaries(ALICE, [], None, limit=2, offset=2)

    assert [row.id for row in rows] == newest_first[2:4]
    assert total == 5


@pytest.mark.parametrize(
    ("statuses", "text_query", "matches"),
    [([], None, 6), ([FAILED], None, 5), ([], "talk", 5), ([FAILED], "talk", 4)],
    ids=["unfiltered", "by status", "by text", "by status and text"],
)
@pytest.mark.parametrize("offset", [0, 2, 4, 10], ids=lambda offset: f"offset {offset}")
async def test_list_totals_the_matches_on_every_page_and_past_the_last(
    session: AsyncSession,
    statuses: list[ProcessingStatus],
    text_query: str | None,
    matches: int,
    offset: int,
) -> None:
    for n in range(4):
        await add_video_with_job(session, ALICE, minute(n), FAILED, filename=f"talk-{n}.mp4")
    await add_video_with_job(session, ALICE, minute(10), FAILED, filename="other.mp4")
    await add_video_with_job(session, ALICE, minute(11), COMPLETED, filename="talk-done.mp4")
    await add_video_with_job(session, BOB, minute(12), FAILED, filename="talk-bob.mp4")
    every_match = await list_ids(session, statuses=statuses, text_query=text_query)
    assert len(every_match) == matches

    rows, total = await VideoRepository(session).list_summaries(
        ALICE, statuses, text_query, limit=2, offset=offset
    )

    assert total == matches
    assert [row.id for row in rows] == every_match[offset : offset + 2]


async def test_list_of_an_owner_without_videos_is_empty(session: AsyncSession) -> None:
    await add_video_with_job(session, BOB, minute(0))

    assert await VideoRepository(session).list_summaries(ALICE, [], None, 10, 0) == ([], 0)
    assert await VideoRepository(session).list_summaries(ALICE, [], None, 10, 10) == ([], 0)


async def test_list_row_carries_what_the_library_card_shows(session: AsyncSession) -> None:
    video = await add_video(session, ALICE, minute(0), filename="launch.mp4")
    job = await add_job(session, video, minute(1), COMPLETED, title="Launch day")
    metadata = await VideoMetadataRepository(session).get_by_job_id(job.id)
    assert metadata is not None
    metadata.thumbnail_index = 2
    metadata.extracted_video_duration_seconds = 83.5
    await session.flush()

    [row], _ = await VideoRepository(session).list_summaries(ALICE, [], None, 10, 0)

    assert row == VideoSummary(
        id=video.id,
        original_filename="launch.mp4",
        size_bytes=1024,
        created_at=minute(0),
        latest_job_id=job.id,
        status=COMPLETED,
        title="Launch day",
        thumbnail_index=2,
        duration_seconds=83.5,
    )


async def test_list_returns_a_video_once_with_its_latest_job_and_that_jobs_metadata(
    session: AsyncSession,
) -> None:
    # The older job is inserted last so insertion order cannot pass for recency.
    video = await add_video(session, ALICE, minute(0))
    latest = await add_job(session, video, minute(2), COMPLETED, title="Second try")
    await add_job(session, video, minute(1), FAILED, title="First try")

    rows, total = await VideoRepository(session).list_summaries(ALICE, [], None, limit=10, offset=0)

    [row] = rows
    assert total == 1
    assert (row.latest_job_id, row.status, row.title) == (latest.id, COMPLETED, "Second try")


async def test_list_includes_a_video_without_jobs_unless_filtering_by_status(
    session: AsyncSession,
) -> None:
    video = await add_video(session, ALICE, minute(1))

    rows, _ = await VideoRepository(session).list_summaries(ALICE, [], None, limit=10, offset=0)

    assert [(row.id, row.latest_job_id, row.status, row.title) for row in rows] == [
        (video.id, None, None, None)
    ]
    assert await list_ids(session, statuses=ALL_STATUSES) == []


async def test_list_status_filter_looks_at_the_latest_job_only(session: AsyncSession) -> None:
    video = await add_video(session, ALICE, minute(0))
    await add_job(session, video, minute(1), COMPLETED)
    await add_job(session, video, minute(2), FAILED)

    assert await list_ids(session, statuses=[COMPLETED]) == []
    assert await list_ids(session, statuses=[FAILED, PROCESSING]) == [video.id]


async def test_list_text_query_matches_filename_or_title_ignoring_case(
    session: AsyncSession,
) -> None:
    by_filename, _ = await add_video_with_job(
        session, ALICE, minute(1), filename="Quarterly-Review.MP4"
    )
    by_title, _ = await add_video_with_job(
        session, ALICE, minute(2), filename="clip.mp4", title="The QUARTERLY numbers"
    )
    await add_video_with_job(session, ALICE, minute(3), filename="other.mp4", title="Other")

    assert await list_ids(session, text_query="quarterly") == [by_title.id, by_filename.id]


async def test_list_text_query_matches_only_the_latest_jobs_title(session: AsyncSession) -> None:
    video = await add_video(session, ALICE, minute(0))
    await add_job(session, video, minute(1), COMPLETED, title="Old title")
    await add_job(session, video, minute(2), title="New title")

    assert await list_ids(session, text_query="new") == [video.id]
    assert await list_ids(session, text_query="old") == []


@pytest.mark.parametrize(
    ("text_query", "matching", "not_matching"),
    [
        ("50%", "50% off.mp4", "500 off.mp4"),
        ("a_b", "a_b.mp4", "axb.mp4"),
        ("c\\d", "c\\d.mp4", "cd.mp4"),
    ],
)
async def test_list_text_query_takes_like_wildcards_literally(
    session: AsyncSession, text_query: str, matching: str, not_matching: str
) -> None:
    match = await add_video(session, ALICE, minute(1), filename=matching)
    await add_video(session, ALICE, minute(2), filename=not_matching)

    assert await list_ids(session, text_query=text_query) == [match.id]


async def test_get_with_latest_job_returns_the_latest_job_and_its_metadata(
    session: AsyncSession,
) -> None:
    video = await add_video(session, ALICE, minute(0))
    latest = await add_job(session, video, minute(2), title="Second try")
    await add_job(session, video, minute(1), COMPLETED, title="First try")

    found = await VideoRepository(session).get_with_latest_job(video.id, ALICE)

    assert found is not None
    assert found.video.id == video.id
    assert found.job is not None
    assert found.job.id == latest.id
    assert found.metadata is not None
    assert found.metadata.title == "Second try"


async def test_get_with_latest_job_returns_a_video_without_jobs(session: AsyncSession) -> None:
    video = await add_video(session, ALICE, minute(0))

    found = await VideoRepository(session).get_with_latest_job(video.id, ALICE)

    assert found is not None
    assert (found.video.id, found.job, found.metadata) == (video.id, None, None)


async def test_get_with_latest_job_hides_other_owners_videos(session: AsyncSession) -> None:
    video, _ = await add_video_with_job(session, BOB, minute(0))
    repository = VideoRepository(session)

    assert await repository.get_with_latest_job(video.id, ALICE) is None
    assert await repository.get_with_latest_job("no-such-video", BOB) is None


async def test_delete_removes_the_video_and_lets_the_database_remove_its_jobs(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        video, _ = await add_video_with_job(session, ALICE, minute(0))
        await session.commit()

    # Loaded without its jobs: passive_deletes must leave them to the foreign key cascade
    # rather than trip lazy="raise" by loading them.
    async with sessions() as session:
        repository = VideoRepository(session)
        owned = await repository.get_for_owner(video.id, ALICE)
        assert owned is not None
        await repository.delete(owned)
        await session.commit()

    async with sessions() as session:
        for model in (Video, VideoJob, VideoMetadata):
            assert await session.scalar(select(func.count()).select_from(model)) == 0


# Relationships


@pytest.mark.parametrize(
    ("model", "relationship"),
    [
        (Video, "jobs"),
        (VideoJob, "video"),
        (VideoJob, "video_metadata"),
        (VideoMetadata, "job"),
    ],
)
async def test_relationships_raise_instead_of_lazy_loading(
    sessions: async_sessionmaker[AsyncSession],
    model: type[Video | VideoJob | VideoMetadata],
    relationship: str,
) -> None:
    async with sessions() as session:
        await add_video_with_job(session, ALICE, minute(0))
        await session.commit()

    # A new session, so the row is loaded from the database without any eager loading.
    async with sessions() as session:
        loaded = await session.scalar(select(model))
        with pytest.raises(InvalidRequestError, match="lazy='raise'"):
            getattr(loaded, relationship)
