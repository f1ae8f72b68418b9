"""Readable lines stay one line each, whatever a client put in the values they show."""

import io
import logging

from echo_core.observability.log_context import log_fields
from echo_core.observability.log_format import TextFormatter
from tests.conftest import Api


async def test_a_hostile_path_cannot_forge_a_text_line(api: Api) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(TextFormatter())
    logger = logging.getLogger("echo_core.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        # %0A decodes to a line break in the path the app sees.
        await api.client.get("/api/x%0A2026-01-01 00:00:00.000 ERROR echo_core: forged")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    [line] = stream.getvalue().splitlines()
    assert 'path="/api/x\\n2026-01-01 00:00:00.000 ERROR echo_core: forged"' in line


def test_fields_are_written_after_the_message() -> None:
    record = logging.LogRecord("echo_core.worker", logging.INFO, "", 0, "job claimed", None, None)
    record.attempt = 2
    with log_fields(job_id="j-1", video_id="v-1"):
        line = TextFormatter().format(record)
    assert line.endswith("INFO  echo_core.worker: job claimed  job_id=j-1 video_id=v-1 attempt=2")
