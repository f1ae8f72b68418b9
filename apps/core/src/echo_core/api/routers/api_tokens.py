"""`/api/auth/tokens`: long-lived tokens for scripts, sent as `Authorization: Bearer`."""

from fastapi import APIRouter, Response, status

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.deps import ApiTokenServiceDep, PrincipalDep
from echo_core.api.schemas.api_tokens import (
    ApiTokenCreatedSchema,
    ApiTokenCreateSchema,
    ApiTokenSchema,
)
from echo_core.api.schemas.common import error_responses

router = APIRouter(prefix="/auth/tokens", tags=["auth"], route_class=CheckedRoute)


@router.post(
    "",
    name="api-tokens-create",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiTokenCreatedSchema,
    responses=error_responses(401, 403, 413, 422),
)
async def create_api_token(
    body: ApiTokenCreateSchema, principal: PrincipalDep, tokens: ApiTokenServiceDep
) -> ApiTokenCreatedSchema:
    """Make an API token. Its secret is in this answer only: it is stored hashed. Only a
    signed-in person makes tokens; a request signed with an API token gets 403."""
    token, secret = await tokens.create(principal, body.name, body.expires_in_days)
    return ApiTokenCreatedSchema(
        id=token.id,
        name=token.name,
        token=secret,
        created_at=token.created_at,
        expires_at=token.expires_at,
    )


@router.get(
    "",
    name="api-tokens-list",
    response_model=list[ApiTokenSchema],
    responses=error_responses(401),
)
async def list_api_tokens(
    principal: PrincipalDep, tokens: ApiTokenServiceDep
) -> list[ApiTokenSchema]:
    return [ApiTokenSchema.model_validate(token) for token in await tokens.list(principal.user_id)]


@router.delete(
    "/{token_id}",
    name="api-tokens-revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
)
async def revoke_api_token(
    token_id: str, principal: PrincipalDep, tokens: ApiTokenServiceDep
) -> Response:
    """Revoke a token: it is refused from the next request on."""
    await tokens.revoke(principal.user_id, token_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
