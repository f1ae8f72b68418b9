"""The video resource YouTube is sent: what the creator approved and chose to publish."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from echo_core.youtube.categories import DEFAULT_CATEGORY_ID


class PrivacyStatus(StrEnum):
    PRIVATE = "private"
    UNLISTED = "unlisted"
    PUBLIC = "public"


@dataclass(frozen=True)
class PublishChoices:
    privacy_status: PrivacyStatus
    publish_at: datetime | None
    category_id: str | None
    made_for_kids: bool


def video_resource(
    title: str,
    description: str,
    tags: Sequence[str],
    language: str | None,
    choices: PublishChoices,
) -> dict[str, Any]:
    """`snippet` and `status` for videos.insert. A scheduled video is private until its
    `publishAt`, which YouTube requires."""
    snippet: dict[str, Any] = {
        "title": title,
        "description": description,
        "tags": list(tags),
        "categoryId": choices.category_id or DEFAULT_CATEGORY_ID,
    }
    if language:
        snippet["defaultLanguage"] = language
        snippet["defaultAudioLanguage"] = language
    status: dict[str, Any] = {
        "privacyStatus": choices.privacy_status.value,
        "selfDeclaredMadeForKids": choices.made_for_kids,
    }
    if choices.publish_at is not None:
        status["publishAt"] = rfc3339(choices.publish_at)
    return {"snippet": snippet, "status": status}


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
