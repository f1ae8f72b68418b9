"""Google's OAuth 2.0 for web server applications: the consent page, the token endpoint
(authorization code with PKCE, refresh) and revocation, as strict as Google is."""

import base64
import hashlib
import html
import re
import secrets
import time
from functools import partial
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fake_google.state import (
    CODE_SECONDS,
    KNOWN_SCOPES,
    AuthorizationCode,
    FakeGoogle,
    PendingConsent,
    RefreshToken,
)

AUTH_PATH = "/o/oauth2/v2/auth"
DECISION_PATH = "/o/oauth2/v2/auth/decision"
# RFC 7636: 43 to 128 unreserved characters.
VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def routes(google: FakeGoogle) -> list[Route]:
    return [
        Route(AUTH_PATH, partial(_consent_page, google), methods=["GET"]),
        Route(DECISION_PATH, partial(_decision, google), methods=["POST"]),
        Route("/token", partial(_token, google), methods=["POST"]),
        Route("/revoke", partial(_revoke, google), methods=["POST"]),
    ]


def _error_page(message: str) -> HTMLResponse:
    return HTMLResponse(f"<h1>Error 400</h1><p>{html.escape(message)}</p>", status_code=400)


async def _consent_page(google: FakeGoogle, request: Request) -> Response:
    query = request.query_params
    client = google.clients.get(query.get("client_id", ""))
    if client is None:
        return _error_page("invalid_client: The OAuth client was not found.")
    redirect_uri = query.get("redirect_uri", "")
    if redirect_uri not in client.redirect_uris:
        return _error_page(f"redirect_uri_mismatch: {redirect_uri} is not registered.")
    problem = _request_problem(query.get("response_type"), query.get("scope", ""), query)
    if problem:
        return RedirectResponse(_with_query(redirect_uri, error=problem, state=query.get("state")))
    consent_id = secrets.token_urlsafe(16)
    google.consents[consent_id] = PendingConsent(
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        state=query.get("state"),
        code_challenge=query["code_challenge"],
        scopes=frozenset(query["scope"].split()),
        offline=query.get("access_type") == "offline",
    )
    account = html.escape(google.account.email)
    return HTMLResponse(
        "<!doctype html><html><head><title>Sign in - Google Accounts</title></head><body>"
        f"<h1>Echo wants to access your Google Account</h1><p>{account}</p>"
        "<p>Manage your YouTube videos; see, edit and delete your YouTube videos, captions "
        "and channel.</p>"
        f'<form method="post" action="{DECISION_PATH}">'
        f'<input type="hidden" name="consent" value="{consent_id}">'
        '<button name="decision" value="deny">Cancel</button> '
        '<button name="decision" value="allow">Allow</button>'
        "</form></body></html>"
    )


def _request_problem(response_type: str | None, scope: str, query: QueryParams) -> str | None:
    if response_type != "code":
        return "unsupported_response_type"
    scopes = scope.split()
    if not scopes or any(item not in KNOWN_SCOPES for item in scopes):
        return "invalid_scope"
    if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
        return "invalid_request"
    return None


async def _decision(google: FakeGoogle, request: Request) -> Response:
    async with request.form() as form:
        consent = google.consents.pop(str(form.get("consent", "")), None)
        decision = form.get("decision")
    if consent is None:
        return _error_page("This consent page has expired.")
    if decision != "allow":
        target = _with_query(consent.redirect_uri, error="access_denied", state=consent.state)
        return RedirectResponse(target, status_code=302)
    granted = consent.scopes
    if google.consent_scopes is not None:
        granted = frozenset(scope for scope in granted if scope in google.consent_scopes)
    code = f"4/{secrets.token_urlsafe(32)}"
    google.codes[code] = AuthorizationCode(
        client_id=consent.client_id,
        redirect_uri=consent.redirect_uri,
        code_challenge=consent.code_challenge,
        scopes=granted,
        offline=consent.offline,
        account=google.account,
        expires_at=time.time() + CODE_SECONDS,
    )
    target = _with_query(
        consent.redirect_uri, state=consent.state, code=code, scope=" ".join(sorted(granted))
    )
    return RedirectResponse(target, status_code=302)


def _with_query(url: str, **values: str | None) -> str:
    present = {key: value for key, value in values.items() if value is not None}
    return f"{url}?{urlencode(present)}"


def _oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


async def _token(google: FakeGoogle, request: Request) -> Response:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return _oauth_error("invalid_request", "Body must be form-encoded.")
    async with request.form() as form:
        fields = {key: str(value) for key, value in form.items()}
    client_id, client_secret = _client_credentials(request, fields)
    client = google.clients.get(client_id or "")
    if client is None or not secrets.compare_digest(client.client_secret, client_secret or ""):
        return _oauth_error("invalid_client", "Unauthorized", status=401)
    grant_type = fields.get("grant_type")
    if grant_type == "authorization_code":
        return _exchange_code(google, client.client_id, fields)
    if grant_type == "refresh_token":
        return _refresh(google, client.client_id, fields)
    return _oauth_error("unsupported_grant_type", f"Invalid grant_type: {grant_type}")


def _client_credentials(request: Request, fields: dict[str, str]) -> tuple[str | None, str | None]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        decoded = base64.b64decode(header[6:]).decode("utf-8")
        client_id, _, client_secret = decoded.partition(":")
        return client_id, client_secret
    return fields.get("client_id"), fields.get("client_secret")


def _exchange_code(google: FakeGoogle, client_id: str, fields: dict[str, str]) -> Response:
    code = google.codes.get(fields.get("code", ""))
    if code is None or code.client_id != client_id or code.expires_at < time.time():
        return _oauth_error("invalid_grant", "Malformed auth code.")
    if code.used:
        # A code used twice may have been stolen: what it gave is revoked (RFC 6749 4.1.2).
        for token in code.tokens:
            google.revoke(token)
        return _oauth_error("invalid_grant", "Bad Request")
    if fields.get("redirect_uri") != code.redirect_uri:
        return _oauth_error("redirect_uri_mismatch", "Bad Request")
    verifier = fields.get("code_verifier")
    if verifier is None:
        return _oauth_error("invalid_grant", "Missing code verifier.")
    if not VERIFIER.match(verifier) or _s256(verifier) != code.code_challenge:
        return _oauth_error("invalid_grant", "Invalid code verifier.")
    code.used = True
    refresh_token = None
    if code.offline:
        refresh_token = f"1//{secrets.token_urlsafe(32)}"
        google.refresh_tokens[refresh_token] = RefreshToken(client_id, code.scopes, code.account)
        code.tokens.append(refresh_token)
    access = google.issue_tokens(client_id, code.scopes, code.account, refresh_token)
    code.tokens.append(access)
    answer = _token_answer(google, access, code.scopes)
    if refresh_token is not None:
        answer["refresh_token"] = refresh_token
    return JSONResponse(answer)


def _refresh(google: FakeGoogle, client_id: str, fields: dict[str, str]) -> Response:
    token = fields.get("refresh_token", "")
    refresh = google.refresh_tokens.get(token)
    if refresh is None or refresh.revoked or refresh.client_id != client_id:
        return _oauth_error("invalid_grant", "Token has been expired or revoked.")
    access = google.issue_tokens(client_id, refresh.scopes, refresh.account, token)
    return JSONResponse(_token_answer(google, access, refresh.scopes))


def _token_answer(google: FakeGoogle, access: str, scopes: frozenset[str]) -> dict[str, object]:
    return {
        "access_token": access,
        "expires_in": google.access_token_seconds,
        "scope": " ".join(sorted(scopes)),
        "token_type": "Bearer",
    }


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


async def _revoke(google: FakeGoogle, request: Request) -> Response:
    token = request.query_params.get("token")
    if token is None:
        async with request.form() as form:
            token = str(form.get("token", ""))
    if not google.revoke(token):
        return _oauth_error("invalid_token", "Token expired or revoked")
    return JSONResponse({})
