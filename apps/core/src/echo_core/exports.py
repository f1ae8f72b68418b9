"""Text a creator pastes into YouTube Studio."""

from collections.abc import Sequence


def youtube_text(title: str | None, description: str | None, tags: Sequence[str]) -> str:
    sections = [
        f"TITLE\n{title or ''}",
        f"DESCRIPTION\n{description or ''}",
        f"TAGS\n{', '.join(tags)}",
    ]
    return "\n\n".join(sections) + "\n"
