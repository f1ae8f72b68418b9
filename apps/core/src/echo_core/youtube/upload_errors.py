"""YouTube's refusals, turned into what a creator can act on."""

import json

import httpx

QUOTA_EXCEEDED = (
    "YouTube's daily upload quota for this Echo server is used up. "
    "Publish again after it resets at midnight Pacific time."
)
CANNOT_UPLOAD_LONG = (
    "YouTube refused the upload: this channel cannot upload videos this long or this many "
    "yet. Verify the account at https://www.youtube.com/verify, then publish again."
)
UNREACHABLE = "YouTube did not answer ({detail}). Echo tried several times; publish again later."

_QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded"}
_LONG_VIDEO_REASONS = {"uploadLimitExceeded", "videoTooLong", "youtubeSignupRequired"}
# The longest part of YouTube's own message a creator is shown.
_MAX_MESSAGE_CHARS = 300


class YouTubeError(Exception):
    """A request YouTube refused. `permanent` means trying the same again cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


def refusal(response: httpx.Response, doing: str) -> YouTubeError:
    """The error for a 4xx answer other than 401 (which the caller handles by refreshing)."""
    reasons, message = _google_error(response)
    if reasons & _QUOTA_REASONS:
        return YouTubeError(QUOTA_EXCEEDED, permanent=True)
    if reasons & _LONG_VIDEO_REASONS or "verify" in message.lower():
        return YouTubeError(CANNOT_UPLOAD_LONG, permanent=True)
    detail = message or f"HTTP {response.status_code}"
    return YouTubeError(f"YouTube refused to {doing}: {detail}", permanent=True)


def _google_error(response: httpx.Response) -> tuple[set[str], str]:
    """Google's error body: `{"error": {"message": ..., "errors": [{"reason": ...}]}}`."""
    try:
        error = json.loads(response.content).get("error", {})
        reasons = {str(item.get("reason")) for item in error.get("errors", [])}
        message = " ".join(str(error.get("message", "")).split())[:_MAX_MESSAGE_CHARS]
    except (ValueError, AttributeError, TypeError):
        return set(), ""
    return reasons, message
