"""Text the API accepts: no NUL and no lone UTF-16 surrogates, wherever it arrives.

JSON may spell a lone surrogate as the escape "\\ud800", and Python's decoder turns it into a
string that has no UTF-8 form, so neither a database nor the response encoder can write it;
PostgreSQL refuses NUL in text. Both are refused as the request is read, naming the field,
instead of failing later as a 500.
"""

import re
from dataclasses import dataclass

_SURROGATE = re.compile("[\ud800-\udfff]")
NUL_MESSAGE = "Text must not contain the NUL character (\\u0000)."
SURROGATE_MESSAGE = (
    "Text must not contain a lone surrogate (\\ud800 to \\udfff); it is not a character."
)


@dataclass(frozen=True)
class TextProblem:
    field: str | None
    message: str


def text_problem(text: str) -> str | None:
    if "\0" in text:
        return NUL_MESSAGE
    if _SURROGATE.search(text):
        return SURROGATE_MESSAGE
    return None


def find_text_problem(document: object) -> TextProblem | None:
    """A string in a decoded JSON document (names included) that the API cannot accept.

    Walked with a list rather than recursion: json.loads accepts nesting as deep as the
    interpreter's recursion limit, which a recursive walk on top of the request's own stack
    would exceed.
    """
    pending: list[tuple[tuple[str, ...], object]] = [((), document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return TextProblem(".".join(path) or None, problem)
        elif isinstance(value, dict):
            for key in value:
                problem = text_problem(key)
                if problem:
                    # The name cannot be echoed back as it is, so it is shown escaped.
                    return TextProblem(".".join((*path, ascii(key)[1:-1])), problem)
            pending.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            items = reversed(list(enumerate(value)))
            pending.extend(((*path, str(index)), item) for index, item in items)
    return None
