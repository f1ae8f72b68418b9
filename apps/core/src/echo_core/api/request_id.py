"""The id that ties a request's log lines together, and the caller's logs to ours.

A caller's (or the web server's) `X-Request-ID` is kept when it is sane: short, and made
of characters that cannot forge a log line or a header. Anything else is replaced.
"""

import re
import uuid

REQUEST_ID_HEADER = "x-request-id"
MAX_REQUEST_ID_LENGTH = 128
_SANE = re.compile(rf"[A-Za-z0-9._:@/+=-]{{1,{MAX_REQUEST_ID_LENGTH}}}")


def request_id_from(header: str | None) -> str:
    if header is not None and _SANE.fullmatch(header):
        return header
    return uuid.uuid4().hex
