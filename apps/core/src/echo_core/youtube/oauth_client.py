"""Google's OAuth 2.0 for a web server application, with PKCE: the consent URL, the code
exchange, refreshing and revoking."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from echo_core.models.base import utcnow
from echo_core.youtube.google_endpoints import SCOPES, GoogleClient, GoogleEndpoints
from echo_core.youtube.google_http import oauth_error, send
from echo_core.youtube.pkce import s256_challenge


@dataclass(frozen=True)
class TokenGrant:
    access_token: str
    expires_at: datetime
    refresh_token: str | None  # only with the first exchange (or when Google rotates it)
    scopes: frozenset[str]


class GoogleOAuthClient:
    def __init__(self, endpoints: GoogleEndpoints, client: httpx.AsyncClient) -> None:
        self._endpoints = endpoints
        self._http = client

    def authorization_url(self, state: str, verifier: str) -> str:
        google = self._endpoints.require_client()
        query = {
            "client_id": google.client_id,
            "redirect_uri": google.redirect_uri,
            "response_type": "code",
            "scope": " ".join(SCOPES),
            # offline: a refresh token, so Echo can upload while nobody is signed in;
            # consent: Google sends a refresh token again when a channel is reconnected.
            "access_type": "offline",
            "prompt": "consent",
            "state": state,
            "code_challenge": s256_challenge(verifier),
            "code_challenge_method": "S256",
        }
        return f"{self._endpoints.auth_url}?{urlencode(query)}"

    async def exchange_code(self, code: str, verifier: str) -> TokenGrant:
        google = self._endpoints.require_client()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": google.redirect_uri,
        }
        return await self._token_request(google, form)

    async def refresh(self, refresh_token: str) -> TokenGrant:
        google = self._endpoints.require_client()
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        return await self._token_request(google, form)

    async def revoke(self, token: str) -> None:
        """Revoke a refresh token (and the access tokens it gave). A token Google no longer
        knows (`invalid_token`) counts as revoked."""
        request = self._http.build_request(
            "POST",
            self._endpoints.revoke_url,
            params={"token": token},
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        status, document = await send(self._http, request)
        if status == 200:
            return
        refusal = oauth_error(status, document)
        if refusal.error != "invalid_token":
            raise refusal

    async def _token_request(self, google: GoogleClient, form: dict[str, str]) -> TokenGrant:
        form = {**form, "client_id": google.client_id, "client_secret": google.client_secret}
        request = self._http.build_request("POST", self._endpoints.token_url, data=form)
        status, document = await send(self._http, request)
        if status != 200:
            raise oauth_error(status, document)
        return _grant(document)


def _grant(document: Any) -> TokenGrant:
    if not isinstance(document, dict) or not isinstance(document.get("access_token"), str):
        raise oauth_error(200, {"error": "unexpected_answer", "error_description": "no token"})
    expires_in = document.get("expires_in")
    seconds = expires_in if isinstance(expires_in, int) and expires_in > 0 else 3600
    refresh_token = document.get("refresh_token")
    scope = document.get("scope")
    return TokenGrant(
        access_token=document["access_token"],
        expires_at=utcnow() + timedelta(seconds=seconds),
        refresh_token=refresh_token if isinstance(refresh_token, str) else None,
        scopes=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
    )
