"""What a webhook can be told about."""

from typing import Literal, get_args

WebhookEventType = Literal[
    "job.completed", "job.failed", "publication.completed", "publication.failed"
]
WEBHOOK_EVENT_TYPES: tuple[str, ...] = get_args(WebhookEventType)
