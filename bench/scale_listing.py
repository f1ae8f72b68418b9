"""The listing endpoints through the ASGI app, against the bare SELECTs for the same page."""

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from scale_bare import LISTINGS, Fetch, Listing, bare_connection
from scale_settings import bench_settings

from echo_core.api.app import create_app

WARMUP = 5


@dataclass(frozen=True)
class ListingLatencies:
    database: str
    listing: str
    total: int
    """Rows the listing matches (the page's `total`)."""
    api: list[float]
    bare: list[float]


async def _api_page(client: httpx.AsyncClient, listing: Listing) -> tuple[list[str], int]:
    response = await client.get(listing.path)
    response.raise_for_status()
    page = response.json()
    return [item["id"] for item in page["items"]], page["total"]


async def _bare_page(fetch: Fetch, listing: Listing, owner_id: str) -> tuple[list[str], int]:
    params = (owner_id, *listing.statuses)
    rows = await fetch(listing.page_sql, params)
    (count,) = (await fetch(listing.count_sql, params))[0]
    return [row[0] for row in rows], count


async def _measure(
    database: str,
    listing: Listing,
    client: httpx.AsyncClient,
    fetch: Fetch,
    owner_id: str,
    requests: int,
) -> ListingLatencies:
    api_page = await _api_page(client, listing)
    bare_page = await _bare_page(fetch, listing, owner_id)
    # The baseline only means something if it answers the same question.
    if api_page != bare_page:
        raise RuntimeError(f"{database} {listing.name}: bare SQL returned a different page")
    for _ in range(WARMUP):
        await _api_page(client, listing)
        await _bare_page(fetch, listing, owner_id)
    api: list[float] = []
    bare: list[float] = []
    for request in range(requests):
        # Alternating which goes first, so neither always runs on a cache the other warmed.
        cases: list[tuple[list[float], Callable[[], Awaitable[object]]]] = [
            (api, lambda: _api_page(client, listing)),
            (bare, lambda: _bare_page(fetch, listing, owner_id)),
        ]
        for latencies, call in cases if request % 2 else reversed(cases):
            started = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - started)
    return ListingLatencies(database, listing.name, api_page[1], api, bare)


async def measure_listings(
    database: str, url: str, data_dir: Path, owner_id: str, requests: int
) -> list[ListingLatencies]:
    app = create_app(bench_settings(data_dir, url))
    state = app.state.echo
    token = state.tokens.issue(owner_id, "owner@bench.example")
    transport = httpx.ASGITransport(app=app)
    try:
        async with (
            httpx.AsyncClient(
                transport=transport,
                base_url="http://echo.bench",
                headers={"Authorization": f"Bearer {token}"},
            ) as client,
            bare_connection(url) as fetch,
        ):
            return [
                await _measure(database, listing, client, fetch, owner_id, requests)
                for listing in LISTINGS
            ]
    finally:
        await state.runtime.engine.dispose()
