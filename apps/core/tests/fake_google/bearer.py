"""The Data API's check of `Authorization: Bearer`, answered as Google answers it."""

from starlette.requests import Request
from starlette.responses import JSONResponse

from tests.fake_google.state import AccessToken, FakeGoogle

MISSING = (
    "Request is missing required authentication credential. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential."
)
INVALID = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
    "cookie or other valid authentication credential."
)


def api_error(status: int, message: str, reason: str, state: str) -> JSONResponse:
    body = {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}],
            "status": state,
        }
    }
    headers = {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}
    return JSONResponse(body, status_code=status, headers=headers if status == 401 else None)


def authorize(
    google: FakeGoogle, request: Request, any_of_scopes: set[str]
) -> AccessToken | JSONResponse:
    """The valid access token the request carries, or the 401/403 Google would answer."""
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        return api_error(401, MISSING, "required", "UNAUTHENTICATED")
    token = google.access_tokens.get(header.removeprefix("Bearer "))
    if token is None or not token.valid():
        return api_error(401, INVALID, "authError", "UNAUTHENTICATED")
    if not token.scopes & any_of_scopes:
        message = "Request had insufficient authentication scopes."
        return api_error(403, message, "insufficientPermissions", "PERMISSION_DENIED")
    return token
