"""Password guessing is slowed down per account and per client address, across processes."""

import asyncio
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update

from echo_core.config import Settings
from echo_core.models import LoginThrottle
from echo_core.models.base import utcnow
from echo_core.services.attempt_limits import address_subject
from echo_core.services.throttle_policy import ThrottlePolicy
from tests.auth.test_auth import error_of
from tests.conftest import Api, AppFactory

PASSWORD = "correct horse battery"
WRONG = "not the password"
LOCKED_OUT = "Too many failed sign-in attempts. Try again in "
# The lockout starts when the attempt is counted, so a slow machine may see a little less.
SLACK_SECONDS = 5


async def login(
    api: Api, email: str, password: str, address: str = "203.0.113.7"
) -> httpx.Response:
    # The test client connects from 127.0.0.1, a trusted proxy by default, so
    # X-Forwarded-For names the client, as the web app's server would.
    return await api.client.post(
        "/api/auth/login",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": address},
    )


async def fail(api: Api, email: str, times: int, address: str = "203.0.113.7") -> None:
    for _ in range(times):
        response = await login(api, email, WRONG, address)
        assert response.status_code == 401, response.text


async def end_lockouts(api: Api) -> None:
    """As if every lockout had run its course (the history is still remembered)."""
    async with api.runtime.session_factory() as session:
        past = utcnow() - timedelta(seconds=1)
        await session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.blocked_until.is_not(None))
            .values(blocked_until=past)
        )
        await session.commit()


def retry_after(response: httpx.Response) -> int:
    return int(response.headers["Retry-After"])


def assert_locked_out(response: httpx.Response, lockout_seconds: int) -> None:
    error = error_of(response, 429)
    assert error["code"] == "too_many_attempts"
    assert error["message"].startswith(LOCKED_OUT)
    assert lockout_seconds - SLACK_SECONDS <= retry_after(response) <= lockout_seconds


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # Short waits keep these tests quick; the waits' real lengths are tested on the policy.
    return settings.model_copy(
        update={"login_account_delay_seconds": 0.05, "login_account_max_delay_seconds": 0.2}
    )


@pytest.fixture
async def alice(api: Api) -> str:
    await api.register("alice@example.com")
    return "alice@example.com"


async def test_five_failures_lock_the_account_out_at_that_address_even_for_the_right_password(
    api: Api, alice: str
) -> None:
    await fail(api, alice, 5)

    response = await login(api, alice, PASSWORD)

    assert_locked_out(response, 60)


async def test_the_lockout_doubles_with_each_further_failure(api: Api, alice: str) -> None:
    await fail(api, alice, 5)

    for lockout_seconds in (120, 240, 480):
        await end_lockouts(api)
        await fail(api, alice, 1)
        assert_locked_out(await login(api, alice, PASSWORD), lockout_seconds)


async def test_a_lockout_says_how_long_in_words(api: Api, alice: str) -> None:
    await fail(api, alice, 5)
    await end_lockouts(api)
    await fail(api, alice, 1)

    response = await login(api, alice, PASSWORD)

    assert_locked_out(response, 120)
    assert error_of(response, 429)["message"] == f"{LOCKED_OUT}2 minutes."


async def test_the_right_password_after_the_lockout_signs_in(api: Api, alice: str) -> None:
    await fail(api, alice, 5)
    await end_lockouts(api)

    response = await login(api, alice, PASSWORD)

    assert response.status_code == 200, response.text


async def test_a_success_resets_the_accounts_count(api: Api, alice: str) -> None:
    await fail(api, alice, 4)
    assert (await login(api, alice, PASSWORD)).status_code == 200

    # Without the reset, the second of these would already be refused.
    await fail(api, alice, 4)
    assert (await login(api, alice, PASSWORD)).status_code == 200


async def test_unknown_emails_are_locked_out_alike(api: Api) -> None:
    # Otherwise the 429 would tell which emails have accounts.
    await fail(api, "nobody@example.com", 5)

    assert_locked_out(await login(api, "nobody@example.com", WRONG), 60)


async def test_the_email_is_counted_whatever_its_case(api: Api, alice: str) -> None:
    await fail(api, "Alice@Example.com", 3)
    await fail(api, "ALICE@example.COM", 2)

    assert_locked_out(await login(api, alice, PASSWORD), 60)


async def test_a_locked_account_does_not_lock_others(api: Api, alice: str) -> None:
    await api.register("bob@example.com")
    await fail(api, alice, 5)

    response = await login(api, "bob@example.com", PASSWORD)

    assert response.status_code == 200, response.text


@pytest.fixture
def strict_address_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"login_attempts_per_address": 3})


async def test_failures_from_one_address_lock_that_address_out(
    make_api: AppFactory, strict_address_settings: Settings
) -> None:
    api = await make_api(strict_address_settings)
    await api.register("alice@example.com")
    # Different accounts each time: only the address ties the guesses together.
    for guessed in ("a@example.com", "b@example.com", "c@example.com"):
        await fail(api, guessed, 1, address="198.51.100.9")

    from_guesser = await login(api, "alice@example.com", PASSWORD, address="198.51.100.9")
    from_elsewhere = await login(api, "alice@example.com", PASSWORD, address="198.51.100.10")

    assert_locked_out(from_guesser, 60)
    assert from_elsewhere.status_code == 200, from_elsewhere.text


async def test_successful_sign_ins_do_not_use_up_an_address(
    make_api: AppFactory, strict_address_settings: Settings
) -> None:
    # Many people behind one address (an office) sign in all day.
    api = await make_api(strict_address_settings)
    await api.register("alice@example.com")

    responses = [await login(api, "alice@example.com", PASSWORD) for _ in range(6)]

    assert [response.status_code for response in responses] == [200] * 6


async def test_ipv6_clients_are_counted_per_64_block(
    make_api: AppFactory, strict_address_settings: Settings
) -> None:
    api = await make_api(strict_address_settings)
    for host in range(1, 4):
        await fail(api, f"user{host}@example.com", 1, address=f"2001:db8:1:2::{host}")

    response = await login(api, "other@example.com", WRONG, address="2001:db8:1:2:ffff::1")

    assert_locked_out(response, 60)


async def test_api_processes_sharing_a_database_share_the_counts(
    make_api: AppFactory, settings: Settings
) -> None:
    first, second = await make_api(settings), await make_api(settings)
    await first.register("alice@example.com")

    await fail(first, "alice@example.com", 3)
    await fail(second, "alice@example.com", 2)

    assert_locked_out(await login(first, "alice@example.com", PASSWORD), 60)
    assert_locked_out(await login(second, "alice@example.com", PASSWORD), 60)


async def test_a_burst_of_parallel_guesses_gets_only_the_allowance_checked(
    api: Api, alice: str
) -> None:
    # Each attempt is counted before its password is checked, so sending many at once
    # does not let them all past the limit before the first failure is written.
    responses = await asyncio.gather(*(login(api, alice, WRONG) for _ in range(12)))

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [401] * 5 + [429] * 7


def default_policy() -> ThrottlePolicy:
    return ThrottlePolicy(
        attempts_per_account_and_address=5,
        attempts_per_address=20,
        account_attempts_before_delay=5,
        account_delay=timedelta(seconds=1),
        account_max_delay=timedelta(seconds=4),
        register_attempts_per_address=10,
        window=timedelta(minutes=15),
        first_lockout=timedelta(minutes=1),
        longest_lockout=timedelta(hours=1),
    )


async def test_an_accounts_wait_holds_its_answer_back(
    make_api: AppFactory, settings: Settings
) -> None:
    api = await make_api(
        settings.model_copy(
            update={
                "login_account_attempts_before_delay": 1,
                "login_account_delay_seconds": 0.5,
                "login_account_max_delay_seconds": 1.0,
            }
        )
    )
    await api.register("alice@example.com")
    for host in range(3):
        await fail(api, "alice@example.com", 1, address=f"198.51.100.{host}")

    # The fourth attempt waits 0.5 s doubled twice, capped at 1 s: never less.
    started = time.monotonic()
    owner = await login(api, "alice@example.com", PASSWORD, address=OWNER_ADDRESS)
    waited = time.monotonic() - started

    assert owner.status_code == 200, owner.text
    assert waited >= 1.0


def test_the_lockout_is_capped() -> None:
    policy = default_policy()

    lockouts = [policy.lockout(attempts, 5) for attempts in (4, 5, 6, 10, 11, 500)]

    assert lockouts == [
        None,
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=32),
        timedelta(hours=1),
        timedelta(hours=1),
    ]


def test_an_accounts_wait_doubles_and_is_capped_at_a_few_seconds() -> None:
    policy = default_policy()

    waits = [policy.account_wait(attempts) for attempts in (1, 5, 6, 7, 8, 9, 500)]

    assert [wait.total_seconds() for wait in waits] == [0, 0, 1, 2, 4, 4, 4]


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("testclient", "testclient"),
    ],
)
def test_addresses_are_counted_by_host_or_ipv6_block(address: str, counted_as: str) -> None:
    assert address_subject(address) == counted_as


# A stranger must never be able to lock the owner out.

ATTACKER = "198.51.100.66"
OWNER_ADDRESS = "203.0.113.200"


async def test_an_attacker_elsewhere_cannot_lock_the_owner_out(api: Api, alice: str) -> None:
    # Five wrong passwords once locked the account for everyone, the owner included.
    responses = [await login(api, alice, WRONG, address=ATTACKER) for _ in range(25)]

    owner = await login(api, alice, PASSWORD, address=OWNER_ADDRESS)

    assert [response.status_code for response in responses] == [401] * 5 + [429] * 20
    assert owner.status_code == 200, owner.text


async def test_guesses_from_many_addresses_slow_the_account_but_never_lock_it(
    api: Api, alice: str
) -> None:
    # One guess from each of several addresses: only the account ties them together.
    guesses = [await login(api, alice, WRONG, address=f"198.51.100.{host}") for host in range(7)]

    owner = await login(api, alice, PASSWORD, address=OWNER_ADDRESS)

    assert [response.status_code for response in guesses] == [401] * 7
    assert owner.status_code == 200, owner.text
