"""GET /api/search finds the words spoken in a creator's videos, on SQLite and PostgreSQL."""

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from echo_core.models.spoken_segment import SpokenSegment
from tests.conftest import Api, auth
from tests.search.spoken_transcripts import store_transcript, transcript


async def video_saying(
    api: Api, token: str, video: Path, filename: str, *lines: tuple[float, float, str]
) -> dict[str, str]:
    """Uploads `video` as `filename` and stores the transcript its transcription found:
    `lines` of (start, end, text)."""
    response = await api.upload(token, video, filename=filename)
    assert response.status_code == 201, response.text
    uploaded: dict[str, str] = response.json()
    await store_transcript(api, uploaded["job_id"], transcript(*lines))
    return uploaded


async def search(api: Api, token: str, **query: Any) -> dict[str, Any]:
    response = await api.client.get("/api/search", params=query, headers=auth(token))
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def finish(api: Api, token: str, job_id: str) -> None:
    """Stop the upload's queued job (no worker runs here): a video is edited and reprocessed
    once its job has finished."""
    canceled = await api.client.post(
        f"/api/video-processing-jobs/{job_id}/cancel", headers=auth(token)
    )
    assert canceled.status_code == 200


def marked(item: dict[str, Any]) -> list[str]:
    return [part["text"] for part in item["snippet"] if part["match"]]


def whole_text(item: dict[str, Any]) -> str:
    return "".join(part["text"] for part in item["snippet"])


async def test_a_spoken_word_is_found_where_it_is_said(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video = await video_saying(
        api,
        token,
        sample_mp4,
        "cooking.mp4",
        (0.0, 4.5, "So today we are cooking fresh pasta at home."),
        (4.5, 9.0, "Bring a big pot of water to a rolling boil."),
        (9.0, 12.25, "Salt the water well, it seasons the Pasta."),
    )

    found = await search(api, token, q="pasta")

    assert found["total"] == 2
    assert {(item["start"], item["end"]) for item in found["items"]} == {(0.0, 4.5), (9.0, 12.25)}
    first = found["items"][0]
    assert first["video_id"] == video["video_id"]
    # No title drafted yet: the file's name stands in.
    assert first["title"] == "cooking.mp4"
    assert all(marked(item) in (["pasta"], ["Pasta"]) for item in found["items"])
    texts = {whole_text(item) for item in found["items"]}
    assert texts == {
        "So today we are cooking fresh pasta at home.",
        "Salt the water well, it seasons the Pasta.",
    }


async def test_every_word_must_be_spoken_and_the_last_may_be_a_beginning(
    api: Api, sample_mp4: Path
) -> None:
    token = await api.register("creator@example.com")
    await video_saying(
        api,
        token,
        sample_mp4,
        "talk.mp4",
        (0.0, 3.0, "Drop the spaghetti into the boiling water."),
        (3.0, 6.0, "The water in the garden barrel is cold."),
        (6.0, 9.0, "Spaghetti needs a lot of salt."),
    )

    both = await search(api, token, q="water spagh")
    prefix = await search(api, token, q="SPAGH")

    assert [item["start"] for item in both["items"]] == [0.0]
    assert marked(both["items"][0]) == ["spaghetti", "water"]
    assert sorted(item["start"] for item in prefix["items"]) == [0.0, 6.0]
    # Only the last word is a beginning: "spagh" alone before another word is no word.
    assert (await search(api, token, q="spagh water"))["total"] == 0


async def test_the_best_match_comes_first(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    await video_saying(
        api,
        token,
        sample_mp4,
        "stars.mp4",
        (
            0.0,
            5.0,
            "Tonight the sky is clear, and somewhere out there is a telescope shop "
            "that is still open, though we will walk past it on the way to the hill.",
        ),
        (5.0, 8.0, "A telescope, a good telescope, is a telescope you use."),
        (8.0, 12.0, "Point the telescope at Jupiter and look for its four moons."),
    )

    found = await search(api, token, q="telescope")

    assert found["total"] == 3
    # Said three times in a short line beats once; once in a short line beats once in a long.
    assert [item["start"] for item in found["items"]] == [5.0, 8.0, 0.0]


async def test_results_are_paged_with_the_total(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    lines = [(float(n), n + 1.0, f"Garden tip number {n}: water the tomato.") for n in range(7)]
    await video_saying(api, token, sample_mp4, "garden.mp4", *lines)

    pages = [await search(api, token, q="tomato", limit=3, offset=offset) for offset in (0, 3, 6)]
    past_the_end = await search(api, token, q="tomato", limit=3, offset=30)

    assert [page["total"] for page in pages] == [7, 7, 7]
    starts = [item["start"] for page in pages for item in page["items"]]
    assert [len(page["items"]) for page in pages] == [3, 3, 1]
    assert sorted(starts) == [float(n) for n in range(7)]
    assert past_the_end == {"items": [], "total": 7, "limit": 3, "offset": 30}


async def test_another_users_words_are_never_found(api: Api, sample_mp4: Path) -> None:
    owner = await api.register("owner@example.com")
    stranger = await api.register("stranger@example.com")
    await video_saying(
        api, owner, sample_mp4, "secret.mp4", (0.0, 2.0, "The launch code is marmalade.")
    )

    assert await search(api, stranger, q="marmalade") == {
        "items": [],
        "total": 0,
        "limit": 20,
        "offset": 0,
    }
    assert (await search(api, owner, q="marmalade"))["total"] == 1


async def test_the_title_shown_is_the_videos_title(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video = await video_saying(
        api, token, sample_mp4, "raw-take-3.mp4", (0.0, 2.0, "Welcome to the show.")
    )
    await finish(api, token, video["job_id"])
    renamed = await api.client.patch(
        f"/api/videos/{video['video_id']}/metadata",
        json={"title": "Welcome episode"},
        headers=auth(token),
    )
    assert renamed.status_code == 200

    found = await search(api, token, q="welcome")

    assert [item["title"] for item in found["items"]] == ["Welcome episode"]


async def test_a_deleted_videos_words_are_gone(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    kept = await video_saying(
        api, token, sample_mp4, "kept.mp4", (0.0, 2.0, "Pancakes for breakfast.")
    )
    deleted = await video_saying(
        api, token, sample_mp4, "deleted.mp4", (0.0, 2.0, "Pancakes for dinner, pancakes.")
    )

    response = await api.client.delete(f"/api/videos/{deleted['video_id']}", headers=auth(token))
    assert response.status_code == 204

    found = await search(api, token, q="pancakes")
    assert [item["video_id"] for item in found["items"]] == [kept["video_id"]]
    assert (await search(api, token, q="dinner"))["total"] == 0
    async with api.runtime.session_factory() as session:
        left = await session.scalar(select(func.count()).select_from(SpokenSegment))
    assert left == 1


async def test_a_new_transcript_replaces_the_old_one(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video = await video_saying(api, token, sample_mp4, "take.mp4", (0.0, 2.0, "The misheard word."))
    await finish(api, token, video["job_id"])
    reprocessed = await api.client.post(
        f"/api/videos/{video['video_id']}/reprocess", headers=auth(token)
    )
    assert reprocessed.status_code == 201, reprocessed.text

    # Until the new job transcribes, the last transcript is still found.
    assert (await search(api, token, q="misheard"))["total"] == 1
    await store_transcript(
        api, reprocessed.json()["job_id"], transcript((1.0, 3.0, "The heard word."))
    )

    assert (await search(api, token, q="misheard"))["total"] == 0
    assert [item["start"] for item in (await search(api, token, q="heard"))["items"]] == [1.0]


async def test_an_edited_transcript_is_searched_at_once(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    video = await video_saying(
        api,
        token,
        sample_mp4,
        "edit.mp4",
        (0.0, 1.0, "Welcome to Jon's kitchen."),
        (1.0, 2.0, "Today: soup."),
    )
    await finish(api, token, video["job_id"])
    url = f"/api/videos/{video['video_id']}/transcript"
    current = (await api.client.get(url, headers=auth(token))).json()
    lines = [
        {key: segment[key] for key in ("id", "start", "end", "text")}
        for segment in current["segments"]
    ]
    lines[0]["text"] = "Welcome to John's kitchen."

    edited = await api.client.put(
        url, json={"version": current["version"], "segments": lines}, headers=auth(token)
    )
    assert edited.status_code == 200, edited.text

    assert (await search(api, token, q="jon"))["total"] == 0
    assert marked((await search(api, token, q="john"))["items"][0]) == ["John"]
    assert (await search(api, token, q="soup"))["total"] == 1

    restored = await api.client.post(
        f"{url}/restore", json={"version": edited.json()["version"]}, headers=auth(token)
    )
    assert restored.status_code == 200, restored.text
    assert (await search(api, token, q="john"))["total"] == 0
    assert (await search(api, token, q="jon"))["total"] == 1


async def test_words_are_found_whatever_their_case_and_script(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    await video_saying(
        api,
        token,
        sample_mp4,
        "words.mp4",
        (0.0, 1.0, "Die STRASSE ist lang."),
        (1.0, 2.0, "Ein Café in Zürich."),
        (2.0, 3.0, "नमस्ते दुनिया"),
        (3.0, 4.0, "Version 3.5 of e-mail."),
    )

    async def starts(q: str) -> list[float]:
        return [item["start"] for item in (await search(api, token, q=q))["items"]]

    assert await starts("straße") == [0.0]
    assert await starts("café zürich") == [1.0]
    # Accents count: a different letter is a different word.
    assert await starts("cafe") == []
    assert await starts("नमस्ते") == [2.0]
    assert await starts("3.5 email") == []
    assert await starts("3.5 e mail") == [3.0]


HOSTILE_QUERIES = [
    '"pasta',
    "pasta*",
    "pasta NEAR(boil water)",
    "NEAR(pasta water)",
    "words:pasta",
    "-pasta",
    "pasta OR water",
    "pasta AND NOT water",
    "NOT pasta",
    "pasta & !water | boil",
    "pasta:*",
    "'pasta'",
    "pasta\\",
    "(pasta",
    "^pasta",
    "{words}: pasta",
    "pasta + water",
    "pasta%",
    "pasta_water",
    "pasta' OR 'water",
    "🍝 pasta",
    "\u0301pasta",
]


async def test_search_syntax_is_searched_as_words(api: Api, sample_mp4: Path) -> None:
    token = await api.register("creator@example.com")
    await video_saying(
        api,
        token,
        sample_mp4,
        "hostile.mp4",
        (0.0, 2.0, "Pasta and water: NEAR the boil, words OR not."),
        (2.0, 4.0, "Nothing else to say here."),
    )

    found_by = {q: await search(api, token, q=q) for q in HOSTILE_QUERIES}

    # Whatever the syntax, only the words count: each of these has the words of the first
    # line and no other, so each finds that line and only it.
    for q, found in found_by.items():
        assert [item["start"] for item in found["items"]] == [0.0], q
        assert "Pasta" in marked(found["items"][0]), q


@pytest.mark.parametrize(
    "query", ["q=", "q=" + "x" * 201, "q=pasta%00", "q=pasta&limit=51", "q=pasta&offset=-1", ""]
)
async def test_unsearchable_queries_are_refused(api: Api, query: str) -> None:
    token = await api.register("creator@example.com")

    response = await api.client.get(f"/api/search?{query}", headers=auth(token))

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("q", ["...", '"', "   ", "*", "\u0301"])
async def test_a_query_without_words_finds_nothing(api: Api, sample_mp4: Path, q: str) -> None:
    token = await api.register("creator@example.com")
    await video_saying(api, token, sample_mp4, "quiet.mp4", (0.0, 2.0, "Something said."))

    assert (await search(api, token, q=q))["total"] == 0


async def test_search_needs_a_signed_in_user(api: Api) -> None:
    response = await api.client.get("/api/search", params={"q": "pasta"})
    assert response.status_code == 401
