from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from echo_core.models.webhook_delivery import DeliveryStatus
from echo_core.webhooks.address_check import MAX_WEBHOOK_URL_LENGTH
from echo_core.webhooks.event_types import WebhookEventType


class WebhookCreateSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1,
        max_length=MAX_WEBHOOK_URL_LENGTH,
        description="An http or https URL on a public address",
    )
    events: list[WebhookEventType] = Field(min_length=1, max_length=4)


class WebhookSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    url: str
    events: list[WebhookEventType]
    created_at: datetime


class WebhookCreatedSchema(WebhookSchema):
    secret: str = Field(
        description="Signs every delivery (Echo-Signature); shown this once, never again"
    )


class WebhookAttemptSchema(BaseModel):
    at: datetime
    status_code: int | None = Field(description="The receiver's answer; none if it gave none")
    error: str | None = Field(description="Why the attempt failed; none if it was delivered")


class WebhookDeliverySchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    event_id: str = Field(description="Sent as Echo-Event-Id, the same on every attempt")
    event_type: WebhookEventType
    status: DeliveryStatus
    created_at: datetime
    next_attempt_at: datetime | None = Field(description="When the next retry is due, if any")
    attempts: list[WebhookAttemptSchema]
