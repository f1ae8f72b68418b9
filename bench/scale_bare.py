"""The baseline for the listing endpoints: the SELECTs that return the same page, run
directly on the driver the app uses (asyncpg, aiosqlite), without SQLAlchemy or FastAPI.

Each selects only what the response shows, with the repository's filters, its
latest-job subquery and its order, plus the count the page's `total` needs; a person
writing the page by hand would write about this.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiosqlite
import asyncpg
from sqlalchemy.engine import make_url

from echo_core.db import is_sqlite
from echo_core.events.postgres_bus import asyncpg_dsn

PAGE_SIZE = 20  # the endpoints' default `limit`

Fetch = Callable[[str, Sequence[Any]], Awaitable[Sequence[Sequence[Any]]]]


@dataclass(frozen=True)
class Listing:
    """One request, and the SQL that answers it. Parameters: $1 the owner, then statuses."""

    name: str
    path: str
    statuses: tuple[str, ...]
    page_sql: str
    count_sql: str


def _job_listing(name: str, path: str, statuses: tuple[str, ...]) -> Listing:
    wanted = ", ".join(f"${n}" for n in range(2, len(statuses) + 2))
    return Listing(
        name,
        path,
        statuses,
        page_sql=f"""
            SELECT j.id, j.video_id, j.status, j.processing_stages, j.error_message, j.attempts,
                   j.priority, j.created_at, j.started_at, j.finished_at, j.updated_at,
                   v.id, v.uploader_user_id, v.original_filename, v.content_type,
                   v.size_bytes, v.created_at, v.updated_at, m.title
            FROM video_jobs AS j
            JOIN videos AS v ON v.id = j.video_id
            LEFT JOIN video_metadata AS m ON m.job_id = j.id
            WHERE v.uploader_user_id = $1 AND j.status IN ({wanted})
            ORDER BY j.created_at DESC, j.id DESC
            LIMIT {PAGE_SIZE}""",
        count_sql=f"""
            SELECT count(*) FROM video_jobs AS j JOIN videos AS v ON v.id = j.video_id
            WHERE v.uploader_user_id = $1 AND j.status IN ({wanted})""",
    )


LISTINGS = (
    Listing(
        "GET /api/videos",
        "/api/videos",
        (),
        page_sql=f"""
            SELECT v.id, v.original_filename, m.title, j.status, j.id, m.thumbnail_index,
                   m.extracted_video_duration_seconds, v.size_bytes, v.created_at
            FROM videos AS v
            LEFT JOIN video_jobs AS j ON j.id = (
                SELECT id FROM video_jobs WHERE video_id = v.id
                ORDER BY created_at DESC, id DESC LIMIT 1
            )
            LEFT JOIN video_metadata AS m ON m.job_id = j.id
            WHERE v.uploader_user_id = $1
            ORDER BY v.created_at DESC, v.id DESC
            LIMIT {PAGE_SIZE}""",
        count_sql="SELECT count(*) FROM videos WHERE uploader_user_id = $1",
    ),
    # The dashboard's processing list: the default statuses.
    _job_listing(
        "GET /api/video-processing-jobs", "/api/video-processing-jobs", ("PENDING", "PROCESSING")
    ),
    # The same endpoint filtered to the status most rows have: the largest count to take.
    _job_listing(
        "GET /api/video-processing-jobs?status=COMPLETED",
        "/api/video-processing-jobs?status=COMPLETED",
        ("COMPLETED",),
    ),
)


@asynccontextmanager
async def bare_connection(url: str) -> AsyncIterator[Fetch]:
    """One connection held open, as the app's pool holds its connections open."""
    if is_sqlite(url):
        async with aiosqlite.connect(str(make_url(url).database)) as sqlite:

            async def fetch(sql: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]:
                # SQLite numbers its parameters ?1, ?2 where PostgreSQL says $1, $2.
                async with sqlite.execute(sql.replace("$", "?"), params) as cursor:
                    return list(await cursor.fetchall())

            yield fetch
        return
    postgres = await asyncpg.connect(asyncpg_dsn(url))
    try:
        yield lambda sql, params: postgres.fetch(sql, *params)
    finally:
        await postgres.close()
