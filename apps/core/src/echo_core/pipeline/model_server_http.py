"""The HTTP conventions the model servers Echo talks to share (OpenAI-compatible servers,
Gemini, Ollama): for speech and text alike, a key goes as a bearer token, an error reply
explains itself under "error", and only some failures pass with time."""

import httpx


def bearer_headers(api_key: str | None) -> dict[str, str]:
    # Self-hosted servers (Ollama, vLLM, Whisper servers) usually need no key, so none is
    # sent without one.
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


def is_transient(status: int) -> bool:
    """Whether asking again may help: rate limits and server trouble pass; a wrong key,
    model or request does not."""
    return status in (408, 429) or status >= 500


def server_message(response: httpx.Response) -> str:
    """The server's own explanation of an error reply."""
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])
    if isinstance(error, str) and error:
        return error
    return response.text[:300] or response.reason_phrase
