"""A local stand-in for Google, written for the tests: OAuth 2.0 (consent page, token
endpoint with PKCE, revocation) and the YouTube Data API, each resource in a module of
its own. It speaks the protocols strictly and misbehaves on request like the real one
(expired access tokens, revoked refresh tokens, a 503, a cut connection).

    with running_fake_google() as google:
        settings = Settings(..., **google.settings_for(public_url))
"""

from tests.fake_google.server import running_fake_google
from tests.fake_google.state import FakeGoogle

__all__ = ["FakeGoogle", "running_fake_google"]
