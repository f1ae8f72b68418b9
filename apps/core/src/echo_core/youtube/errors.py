"""What can go wrong between Echo and Google, each with words the creator can act on."""

from echo_core.errors import ConflictError, EchoError

NOT_CONFIGURED = (
    "YouTube is not set up on this Echo instance: an admin sets ECHO_GOOGLE_CLIENT_ID and "
    "ECHO_GOOGLE_CLIENT_SECRET (the README explains how to create them)."
)
NOT_CONNECTED = "No YouTube channel is connected. Connect one on the Settings page."
CONNECTION_LOST = (
    "Google no longer accepts Echo's access to your YouTube channel (it was revoked, or "
    "has expired). Connect the channel again on the Settings page."
)
SECRET_KEY_CHANGED = (
    "Echo's secret key has changed, so it can no longer read the saved access to your "
    "YouTube channel. Connect the channel again on the Settings page."
)


class YouTubeNotConfigured(ConflictError):
    code = "youtube_not_configured"

    def __init__(self) -> None:
        super().__init__(NOT_CONFIGURED)


class YouTubeNotConnected(ConflictError):
    code = "youtube_not_connected"

    def __init__(self) -> None:
        super().__init__(NOT_CONNECTED)


class YouTubeConnectionLost(ConflictError):
    """Google refused the refresh token: the connection is marked as needing to be made
    again, and this message is what the settings page shows."""

    code = "youtube_connection_lost"

    def __init__(self, message: str = CONNECTION_LOST) -> None:
        super().__init__(message)


class GoogleUnavailable(EchoError):
    """Google could not be reached, or answered with a server error: worth trying later."""

    status_code = 502
    code = "google_unavailable"


class GoogleRefused(EchoError):
    """Google's OAuth endpoints answered with an error, e.g. `invalid_grant`."""

    status_code = 502
    code = "google_refused"

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"Google refused the request: {error} ({description}).")
        self.error = error
        self.description = description


class InvalidOAuthState(EchoError):
    """A callback whose state was never given out, has expired or was used already."""

    status_code = 400
    code = "invalid_oauth_state"

    def __init__(self) -> None:
        super().__init__(
            "This link to connect YouTube is not valid: it has expired (after 10 minutes), "
            "was used already, or was not made by Echo. Start again from the Settings page."
        )
