from fastapi import APIRouter, status

from echo_core.api.deps import AppStateDep, PrincipalDep, SessionDep
from echo_core.api.schemas.auth import CredentialsSchema, TokenResponseSchema, UserSchema
from echo_core.api.schemas.common import error_responses
from echo_core.services.auth_service import AuthService

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register",
    name="auth-register",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenResponseSchema,
    responses=error_responses(409, 422),
)
async def register(
    body: CredentialsSchema, session: SessionDep, state: AppStateDep
) -> TokenResponseSchema:
    user = await AuthService(session).register(body.email, body.password)
    token = state.tokens.issue(user.id, user.email)
    return TokenResponseSchema(access_token=token, user=UserSchema.model_validate(user))


@router.post(
    "/login",
    name="auth-login",
    response_model=TokenResponseSchema,
    responses=error_responses(401, 422),
)
async def login(
    body: CredentialsSchema, session: SessionDep, state: AppStateDep
) -> TokenResponseSchema:
    user = await AuthService(session).authenticate(body.email, body.password)
    token = state.tokens.issue(user.id, user.email)
    return TokenResponseSchema(access_token=token, user=UserSchema.model_validate(user))


@router.get("/me", name="auth-me", response_model=UserSchema, responses=error_responses(401))
async def me(principal: PrincipalDep, session: SessionDep) -> UserSchema:
    user = await AuthService(session).get_user(principal.user_id)
    if user is not None:
        return UserSchema.model_validate(user)
    # A Supabase user has no local row: the token is the whole identity.
    return UserSchema(id=principal.user_id, email=principal.email)
