"""Request dependencies: the transaction, the signed-in principal, the app's services."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from echo_core import transaction
from echo_core.api.cross_site import ensure_same_site_write
from echo_core.api.state import AppState
from echo_core.auth.principal import Principal
from echo_core.auth.secret_box import SecretBox
from echo_core.auth.session_cookie import SESSION_COOKIE
from echo_core.auth.tokens import TokenVerifier
from echo_core.config import Settings
from echo_core.errors import AuthenticationError
from echo_core.observability.request_facts import note_user
from echo_core.services.access_check_service import AccessCheckService
from echo_core.services.api_token_service import ApiTokenService
from echo_core.services.auth_service import AuthService
from echo_core.services.instance_settings_service import InstanceSettingsService
from echo_core.services.job_service import JobService
from echo_core.services.metadata_edit_service import MetadataEditService
from echo_core.services.publication_service import PublicationService
from echo_core.services.queue_admission import QueueAdmission
from echo_core.services.queue_metrics_service import QueueMetricsService
from echo_core.services.readiness_service import ReadinessService
from echo_core.services.registration_service import RegistrationService
from echo_core.services.registration_throttle import RegistrationThrottle
from echo_core.services.sign_in_service import SignInService
from echo_core.services.sign_in_throttle import SignInThrottle
from echo_core.services.spoken_search_service import SpokenSearchService
from echo_core.services.throttle_policy import ThrottlePolicy
from echo_core.services.token_revocation_service import TokenRevocationService
from echo_core.services.transcript_service import TranscriptService
from echo_core.services.video_files_service import VideoFilesService
from echo_core.services.video_processing_service import VideoProcessingService
from echo_core.services.webhook_service import WebhookService
from echo_core.services.youtube_connection_service import YouTubeConnectionService
from echo_core.storage.base import Storage
from echo_core.youtube.google_endpoints import GoogleEndpoints

_bearer = HTTPBearer(
    auto_error=False,
    description="An access token from /api/auth/login, or an API token from /api/auth/tokens",
)


def app_state(request: Request) -> AppState:
    """What the app holds for its life. A plain function, not a dependency: the dependencies
    below take the Request, which FastAPI hands over for free, where each dependency of
    their own would cost its solving on every request."""
    state: AppState = request.app.state.echo
    return state


# The dependencies are async although most await nothing: FastAPI runs a plain function
# dependency in a worker thread, a hop every request would pay for reading an attribute.


async def get_settings(request: Request) -> Settings:
    return app_state(request).runtime.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_storage(request: Request) -> Storage:
    # Read per request, not captured at start-up: the fault tests swap in a failing store.
    return app_state(request).runtime.storage


StorageDep = Annotated[Storage, Depends(get_storage)]


async def get_tokens(request: Request) -> TokenVerifier:
    return app_state(request).tokens


TokensDep = Annotated[TokenVerifier, Depends(get_tokens)]


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the handler succeeds, else rolled back."""
    async with app_state(request).runtime.session_factory() as session:
        try:
            yield session
        except BaseException:
            await transaction.rollback(session)
            raise
        await transaction.commit(session)


# scope="function": commit before the response is sent, so a 2xx means the data is saved.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_principal(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    state = app_state(request)
    # The bearer header is the API's way in; the cookie is how the web app's pages (the
    # video player, downloads) reach media without putting a token in a URL.
    token: str | None
    if credentials:
        token = credentials.credentials
    else:
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            ensure_same_site_write(request, state.runtime.settings)
    if not token:
        raise AuthenticationError("Sign in to continue.")
    # In the request's own transaction: no extra connection for the checks.
    principal = await AccessCheckService(session).principal_for(token, state.tokens)
    note_user(principal.user_id)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


# The services, each built here once per request, in the request's transaction.


async def get_queue_admission(session: SessionDep, settings: SettingsDep) -> QueueAdmission:
    return QueueAdmission(session, settings.max_queued_jobs_per_user)


QueueAdmissionDep = Annotated[QueueAdmission, Depends(get_queue_admission)]


async def get_auth_service(session: SessionDep) -> AuthService:
    return AuthService(session)


AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]


async def get_registration_service(session: SessionDep, request: Request) -> RegistrationService:
    runtime = app_state(request).runtime
    policy = ThrottlePolicy.from_settings(runtime.settings)
    return RegistrationService(session, RegistrationThrottle(runtime.session_factory, policy))


RegistrationServiceDep = Annotated[RegistrationService, Depends(get_registration_service)]


async def get_sign_in_service(session: SessionDep, request: Request) -> SignInService:
    runtime = app_state(request).runtime
    policy = ThrottlePolicy.from_settings(runtime.settings)
    return SignInService(session, SignInThrottle(runtime.session_factory, policy))


SignInServiceDep = Annotated[SignInService, Depends(get_sign_in_service)]


async def get_token_revocation_service(session: SessionDep) -> TokenRevocationService:
    return TokenRevocationService(session)


TokenRevocationServiceDep = Annotated[TokenRevocationService, Depends(get_token_revocation_service)]


async def get_job_service(session: SessionDep, request: Request) -> JobService:
    return JobService(session, app_state(request).runtime.events)


JobServiceDep = Annotated[JobService, Depends(get_job_service)]


async def get_video_processing_service(
    session: SessionDep, request: Request
) -> VideoProcessingService:
    runtime = app_state(request).runtime
    return VideoProcessingService(session, runtime.storage, runtime.events)


VideoProcessingServiceDep = Annotated[VideoProcessingService, Depends(get_video_processing_service)]


async def get_metadata_edit_service(session: SessionDep) -> MetadataEditService:
    return MetadataEditService(session)


MetadataEditServiceDep = Annotated[MetadataEditService, Depends(get_metadata_edit_service)]


async def get_transcript_service(session: SessionDep, storage: StorageDep) -> TranscriptService:
    return TranscriptService(session, storage)


TranscriptServiceDep = Annotated[TranscriptService, Depends(get_transcript_service)]


async def get_video_files_service(session: SessionDep, storage: StorageDep) -> VideoFilesService:
    return VideoFilesService(session, storage)


VideoFilesServiceDep = Annotated[VideoFilesService, Depends(get_video_files_service)]


async def get_instance_settings_service(
    session: SessionDep, settings: SettingsDep
) -> InstanceSettingsService:
    return InstanceSettingsService(session, settings)


InstanceSettingsServiceDep = Annotated[
    InstanceSettingsService, Depends(get_instance_settings_service)
]


async def get_youtube_connection_service(
    session: SessionDep, settings: SettingsDep
) -> YouTubeConnectionService:
    return YouTubeConnectionService(
        session, GoogleEndpoints.from_settings(settings), SecretBox.from_settings(settings)
    )


YouTubeConnectionServiceDep = Annotated[
    YouTubeConnectionService, Depends(get_youtube_connection_service)
]


async def get_spoken_search_service(session: SessionDep) -> SpokenSearchService:
    return SpokenSearchService(session)


SpokenSearchServiceDep = Annotated[SpokenSearchService, Depends(get_spoken_search_service)]


async def get_readiness_service(request: Request, storage: StorageDep) -> ReadinessService:
    runtime = app_state(request).runtime
    return ReadinessService(
        runtime.session_factory, storage, runtime.settings.ready_timeout_seconds
    )


ReadinessServiceDep = Annotated[ReadinessService, Depends(get_readiness_service)]


async def get_queue_metrics_service(request: Request) -> QueueMetricsService:
    runtime = app_state(request).runtime
    return QueueMetricsService(runtime.session_factory, runtime.settings)


QueueMetricsServiceDep = Annotated[QueueMetricsService, Depends(get_queue_metrics_service)]


async def get_publication_service(session: SessionDep, request: Request) -> PublicationService:
    return PublicationService(session, app_state(request).runtime.events)


PublicationServiceDep = Annotated[PublicationService, Depends(get_publication_service)]


async def get_api_token_service(session: SessionDep) -> ApiTokenService:
    return ApiTokenService(session)


ApiTokenServiceDep = Annotated[ApiTokenService, Depends(get_api_token_service)]


async def get_webhook_service(session: SessionDep, settings: SettingsDep) -> WebhookService:
    return WebhookService(session, settings)


WebhookServiceDep = Annotated[WebhookService, Depends(get_webhook_service)]
