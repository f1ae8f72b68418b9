from fastapi import APIRouter, Request, Response, status

from echo_core.api.checked_route import CheckedRoute
from echo_core.api.client_address import client_address
from echo_core.api.deps import (
    AuthServiceDep,
    PrincipalDep,
    RegistrationServiceDep,
    SettingsDep,
    SignInServiceDep,
    TokenRevocationServiceDep,
    TokensDep,
)
from echo_core.api.schemas.auth import CredentialsSchema, TokenResponseSchema, UserSchema
from echo_core.api.schemas.common import error_responses

router = APIRouter(prefix="/auth", tags=["auth"], route_class=CheckedRoute)


@router.post(
    "/register",
    name="auth-register",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenResponseSchema,
    responses=error_responses(409, 413, 422, 429),
)
async def register(
    body: CredentialsSchema,
    request: Request,
    registration: RegistrationServiceDep,
    settings: SettingsDep,
    tokens: TokensDep,
) -> TokenResponseSchema:
    """Create an account. Repeated registrations for emails that already have one lock the
    client address out for a while: 429, with Retry-After in seconds."""
    user = await registration.register(
        body.email, body.password, client_address(request, settings.trusted_proxies)
    )
    token = tokens.issue(user.id, user.email)
    return TokenResponseSchema(access_token=token, user=UserSchema.model_validate(user))


@router.post(
    "/login",
    name="auth-login",
    response_model=TokenResponseSchema,
    responses=error_responses(401, 413, 422, 429),
)
async def login(
    body: CredentialsSchema,
    request: Request,
    sign_in: SignInServiceDep,
    settings: SettingsDep,
    tokens: TokensDep,
) -> TokenResponseSchema:
    """Sign in. Repeated failures lock the client address out for a while, for that
    account or for all: 429, with Retry-After in seconds. Failures for the account from
    anywhere only slow its sign-ins down, by a few seconds at most."""
    user = await sign_in.sign_in(
        body.email, body.password, client_address(request, settings.trusted_proxies)
    )
    token = tokens.issue(user.id, user.email)
    return TokenResponseSchema(access_token=token, user=UserSchema.model_validate(user))


@router.post(
    "/logout",
    name="auth-logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(400, 401, 403),
)
async def logout(principal: PrincipalDep, revocations: TokenRevocationServiceDep) -> Response:
    """Revoke the token this request presents: from now on it is refused everywhere."""
    await revocations.revoke(principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", name="auth-me", response_model=UserSchema, responses=error_responses(401))
async def me(principal: PrincipalDep, accounts: AuthServiceDep) -> UserSchema:
    user = await accounts.get_user(principal.user_id)
    if user is not None:
        return UserSchema.model_validate(user)
    # A Supabase user has no local row: the token is the whole identity.
    return UserSchema(id=principal.user_id, email=principal.email)
