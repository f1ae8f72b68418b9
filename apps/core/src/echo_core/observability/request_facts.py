"""What is learnt about a request while it is handled, for its log line.

The request's middleware opens the record; the authentication dependency, deeper down,
fills in who is asking. A mutable record in a context variable reaches back up to the
middleware however the framework nests its calls.
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class RequestFacts:
    request_id: str
    user_id: str | None = None


_current: ContextVar[RequestFacts | None] = ContextVar("echo_request_facts", default=None)


def open_request_facts(request_id: str) -> RequestFacts:
    facts = RequestFacts(request_id)
    _current.set(facts)
    return facts


def current_request_facts() -> RequestFacts | None:
    return _current.get()


def note_user(user_id: str) -> None:
    """The signed-in user, once the request's credentials are verified."""
    facts = _current.get()
    if facts is not None:
        facts.user_id = user_id
