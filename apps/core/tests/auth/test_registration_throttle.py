"""Registration answers "this email has an account" (409), so probing it is throttled by address."""

import httpx

from tests.auth.test_auth import error_of
from tests.conftest import Api

PASSWORD = "correct horse battery"
PROBER = "198.51.100.23"
SOMEONE_ELSE = "203.0.113.40"
# ECHO_REGISTER_ATTEMPTS_PER_ADDRESS's default.
ALLOWED = 10


async def register(api: Api, email: str, address: str) -> httpx.Response:
    # The test client connects from 127.0.0.1, a trusted proxy by default, so
    # X-Forwarded-For names the client, as the web app's server would.
    return await api.client.post(
        "/api/auth/register",
        json={"email": email, "password": PASSWORD},
        headers={"X-Forwarded-For": address},
    )


async def test_probing_for_existing_emails_from_one_address_is_stopped(api: Api) -> None:
    await api.register("alice@example.com")
    probes = [await register(api, "alice@example.com", PROBER) for _ in range(ALLOWED)]

    refused = await register(api, "carol@example.com", PROBER)
    from_elsewhere = await register(api, "dave@example.com", SOMEONE_ELSE)

    assert [response.status_code for response in probes] == [409] * ALLOWED
    error = error_of(refused, 429)
    assert error["code"] == "too_many_attempts"
    assert error["message"].startswith("Too many registration attempts. Try again in ")
    assert 55 <= int(refused.headers["Retry-After"]) <= 60
    assert from_elsewhere.status_code == 201, from_elsewhere.text
    # The refused registration created nothing: the email is still free once the wait is over.
    assert (await register(api, "carol@example.com", SOMEONE_ELSE)).status_code == 201


async def test_people_signing_up_behind_one_address_are_not_stopped(api: Api) -> None:
    # A class or an office registering together shares one address.
    responses = [
        await register(api, f"person{number}@example.com", PROBER) for number in range(ALLOWED + 5)
    ]

    assert [response.status_code for response in responses] == [201] * (ALLOWED + 5)


async def test_weak_passwords_do_not_use_up_the_address(api: Api) -> None:
    for _ in range(ALLOWED + 2):
        response = await api.client.post(
            "/api/auth/register",
            json={"email": "erin@example.com", "password": "password1"},
            headers={"X-Forwarded-For": PROBER},
        )
        assert response.status_code == 422, response.text

    assert (await register(api, "erin@example.com", PROBER)).status_code == 201
