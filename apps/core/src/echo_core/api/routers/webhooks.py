"""`/api/webhooks`: URLs told, by a signed POST, when a job or a publication ends."""

from fastapi import APIRouter, Response, status

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import PrincipalDep, WebhookServiceDep
from echo_core.api.schemas.common import error_responses
from echo_core.api.schemas.webhooks import (
    WebhookAttemptSchema,
    WebhookCreatedSchema,
    WebhookCreateSchema,
    WebhookDeliverySchema,
    WebhookSchema,
)
from echo_core.models.webhook_delivery import DeliveryStatus, WebhookDelivery

router = APIRouter(prefix="/webhooks", tags=["webhooks"], route_class=CheckedRoute)


@router.post(
    "",
    name="webhooks-create",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreatedSchema,
    responses=error_responses(401, 409, 413, 422),
)
async def create_webhook(
    body: WebhookCreateSchema, principal: PrincipalDep, webhooks: WebhookServiceDep
) -> WebhookCreatedSchema:
    """Add a webhook. Its secret is in this answer only. A URL that is not http(s), or
    whose host resolves to a private, loopback or link-local address, is refused (422)."""
    webhook, secret = await webhooks.create(principal.user_id, body.url, list(body.events))
    return WebhookCreatedSchema(
        id=webhook.id,
        url=webhook.url,
        events=body.events,
        created_at=webhook.created_at,
        secret=secret,
    )


@router.get(
    "", name="webhooks-list", response_model=list[WebhookSchema], responses=error_responses(401)
)
async def list_webhooks(
    principal: PrincipalDep, webhooks: WebhookServiceDep
) -> list[WebhookSchema]:
    return [WebhookSchema.model_validate(w) for w in await webhooks.list(principal.user_id)]


@router.delete(
    "/{webhook_id}",
    name="webhooks-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
)
async def delete_webhook(
    webhook_id: str, principal: PrincipalDep, webhooks: WebhookServiceDep
) -> Response:
    """Delete a webhook; its deliveries still queued are dropped."""
    await webhooks.delete(principal.user_id, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{webhook_id}/deliveries",
    name="webhooks-deliveries",
    response_model=list[WebhookDeliverySchema],
    responses=error_responses(401, 404),
)
async def list_deliveries(
    webhook_id: str, principal: PrincipalDep, webhooks: WebhookServiceDep
) -> list[WebhookDeliverySchema]:
    """The latest deliveries, newest first, each with every attempt made."""
    return [_delivery(d) for d in await webhooks.deliveries(principal.user_id, webhook_id)]


def _delivery(delivery: WebhookDelivery) -> WebhookDeliverySchema:
    pending = delivery.status == DeliveryStatus.PENDING
    return WebhookDeliverySchema(
        id=delivery.id,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        status=delivery.status,
        created_at=delivery.created_at,
        next_attempt_at=delivery.next_attempt_at if pending else None,
        attempts=[WebhookAttemptSchema.model_validate(a) for a in delivery.attempt_log],
    )
