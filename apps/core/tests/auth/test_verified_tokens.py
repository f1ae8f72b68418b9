"""Echo's tokens are verified once and remembered, never past their expiry or beyond a
bounded number of them."""

import asyncio
from datetime import timedelta

import pytest

from echo_core.auth.principal import Principal
from echo_core.auth.tokens import TOKEN_EXPIRED, TokenVerifier
from echo_core.auth.verified_tokens import VerifiedTokens
from echo_core.errors import AuthenticationError
from echo_core.models.base import utcnow

SECRET = "test-secret-that-is-long-enough-for-hs256-keys"


async def test_a_remembered_token_is_refused_once_it_expires() -> None:
    verifier = TokenVerifier(SECRET, timedelta(seconds=1))
    token = verifier.issue("alice", "alice@example.com")
    first = await verifier.verify(token)
    again = await verifier.verify(token)

    await asyncio.sleep((first.token_expires_at - utcnow()).total_seconds() + 0.05)

    assert again == first
    with pytest.raises(AuthenticationError) as refused:
        await verifier.verify(token)
    assert refused.value.message == TOKEN_EXPIRED


async def test_a_token_signed_with_another_secret_is_refused_even_after_ours_verified() -> None:
    ours = TokenVerifier(SECRET, timedelta(hours=1))
    theirs = TokenVerifier("another-secret-that-is-long-enough-for-hs256", timedelta(hours=1))
    await ours.verify(ours.issue("alice", "alice@example.com"))

    with pytest.raises(AuthenticationError):
        await ours.verify(theirs.issue("alice", "alice@example.com"))


def test_only_the_most_recently_used_tokens_are_kept() -> None:
    tokens = VerifiedTokens(capacity=2)
    later = utcnow() + timedelta(hours=1)
    principals = {name: Principal(name, None, "echo", name, later) for name in ("a", "b", "c")}
    tokens.remember("a", principals["a"])
    tokens.remember("b", principals["b"])
    tokens.get("a")
    tokens.remember("c", principals["c"])

    assert tokens.get("a") == principals["a"]
    assert tokens.get("b") is None
    assert tokens.get("c") == principals["c"]
