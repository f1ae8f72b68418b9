"""Which models an Ollama server has (GET /api/tags), asked quickly: `auto` asks on every
job, and a machine without Ollama must not slow the jobs down."""

from typing import Any

import httpx

# A local server answers within milliseconds; nothing listening fails at once.
ASK_TIMEOUT_SECONDS = 2.0


async def ollama_models(base_url: str) -> list[str] | None:
    """The server's model names in the order it lists them; None when it does not answer."""
    try:
        async with httpx.AsyncClient(timeout=ASK_TIMEOUT_SECONDS) as client:
            response = await client.get(f"{base_url.rstrip('/')}/api/tags")
        body: Any = response.json() if response.is_success else None
    except (httpx.HTTPError, ValueError):
        return None
    models = body.get("models") if isinstance(body, dict) else None
    if not isinstance(models, list):
        return None
    return [
        model["name"]
        for model in models
        if isinstance(model, dict) and isinstance(model.get("name"), str)
    ]
