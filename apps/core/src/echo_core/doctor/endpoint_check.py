"""Whether a configured remote service (an LLM, a transcription server) answers at all."""

import httpx

from echo_core.doctor.finding import Finding, describe_error, failed, ok

# Long enough for a distant server, short enough that the doctor never seems to hang.
TIMEOUT_SECONDS = 5.0


async def check_endpoint(
    subject: str, url: str, headers: dict[str, str], unreachable_advice: str, key_setting: str
) -> Finding:
    """GET a cheap listing (`/models`); any answer but a refused key means it is reachable."""
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
            response = await client.get(url, headers=headers)
    except httpx.HTTPError as error:
        return failed(
            subject,
            f"{url} does not answer ({describe_error(error)})",
            unreachable_advice,
        )
    if response.status_code in (401, 403):
        return failed(
            subject,
            f"{url} refused the API key (HTTP {response.status_code})",
            f"set {key_setting} to a valid key",
        )
    return ok(subject, f"{url} answers (HTTP {response.status_code})")
