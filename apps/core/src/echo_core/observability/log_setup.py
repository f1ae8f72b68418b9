"""The one logging set-up of every Echo process: `serve` (its reloaded child included),
`worker` and the CLI.

Lines go to stderr as text, or as one JSON object each with ECHO_LOG_FORMAT=json, at
ECHO_LOG_LEVEL. uvicorn's loggers go through the same handler; its access log is off,
because the API logs each request itself with more in it (api/request_log.py).
"""

import logging.config
from typing import Any

from echo_core.config import Settings

# Libraries that say too much at INFO: an HTTP client's line per call would show every
# engine request; their warnings still come through.
_QUIET_LOGGERS = (
    "httpx",
    "httpcore",
    "botocore",
    "boto3",
    "s3transfer",
    "urllib3",
    "faster_whisper",
)


def logging_config(settings: Settings, *, one_shot: bool = False) -> dict[str, Any]:
    """A `logging.config.dictConfig` document; also handed to uvicorn, which applies it
    again in the process it starts for `--reload`.

    `one_shot` commands (create-user, doctor, process...) print what they did themselves:
    unless ECHO_LOG_LEVEL is set, their log shows warnings and errors only, so a migration's
    INFO lines do not bury the answer.
    """
    formatter = "json" if settings.log_format == "json" else "text"
    chosen = "log_level" in settings.model_fields_set
    level = "WARNING" if one_shot and not chosen else settings.log_level
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "text": {"()": "echo_core.observability.log_format.TextFormatter"},
            "json": {"()": "echo_core.observability.log_format.JsonFormatter"},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": formatter,
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True, "level": level},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False},
            **{name: {"level": "WARNING"} for name in _QUIET_LOGGERS},
        },
    }


def configure_logging(settings: Settings, *, one_shot: bool = False) -> None:
    logging.config.dictConfig(logging_config(settings, one_shot=one_shot))
