"""The web app keeps the access token in this httpOnly cookie (set by its server)."""

SESSION_COOKIE = "echo_session"
