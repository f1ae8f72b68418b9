"""`echo-core`: run the API, migrate the database, manage accounts."""

import argparse
import asyncio
import getpass
import os
import sys
import typing

from pydantic import ValidationError

from echo_core.config import Settings
from echo_core.migrate import upgrade_to_head
from echo_core.observability.log_setup import configure_logging, logging_config

# Commands whose log is their output; the others print their results and log only problems.
LONG_RUNNING_COMMANDS = ("serve", "worker")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from echo_core.leftovers import remove_leftovers_at_start

    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade_to_head(settings.resolved_database_url)
    remove_leftovers_at_start(settings)
    print(f"Echo API on http://{args.host}:{args.port}/api (docs at /docs)", flush=True)
    uvicorn.run(
        "echo_core.api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        reload=args.reload,
        reload_dirs=[os.path.dirname(__file__)] if args.reload else None,
        # Echo's set-up, applied again in the process `--reload` starts; the API logs each
        # request itself (api/request_log.py), so uvicorn's access lines are off.
        log_config=logging_config(settings),
        log_level=settings.log_level.lower(),
        access_log=False,
        # ECHO_TRUSTED_PROXIES alone decides whom X-Forwarded-* is believed from.
        proxy_headers=False,
    )
    return 0


def _worker(args: argparse.Namespace) -> int:
    from echo_core.worker.standalone import MetricsAddress
    from echo_core.worker.standalone import main as run_worker

    overrides = {"worker_concurrency": args.concurrency} if args.concurrency else {}
    metrics = MetricsAddress(args.metrics_host, args.metrics_port) if args.metrics_port else None
    run_worker(Settings(**overrides), metrics=metrics)
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    settings = Settings()
    upgrade_to_head(settings.resolved_database_url)
    print(f"Database is up to date: {settings.resolved_database_url}")
    return 0


def _create_user(args: argparse.Namespace) -> int:
    from echo_core import transaction
    from echo_core.errors import EchoError
    from echo_core.runtime import build_runtime
    from echo_core.services.auth_service import AuthService

    password = os.environ.get("ECHO_NEW_USER_PASSWORD") or getpass.getpass("Password: ")
    settings = Settings()
    upgrade_to_head(settings.resolved_database_url)

    async def create() -> tuple[str, bool]:
        async with build_runtime(settings) as runtime, runtime.session_factory() as session:
            user = await AuthService(session).register(args.email, password, args.admin)
            await transaction.commit(session)
            return user.id, user.is_admin

    try:
        user_id, is_admin = asyncio.run(create())
    except EchoError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print(f"Created user {args.email} ({user_id}){', an admin' if is_admin else ''}")
    return 0


def _process(args: argparse.Namespace) -> int:
    from echo_core.local_run.process_command import process_command

    return process_command(args.video, args.out, args.asr_engine, args.text_engine, args.language)


def _doctor(_args: argparse.Namespace) -> int:
    from echo_core.doctor.doctor_command import doctor_command

    return doctor_command()


def _models(args: argparse.Namespace) -> int:
    from echo_core.speech_models.models_command import models_command

    return models_command(args.action, args.name)


def _choices(setting: str) -> tuple[str, ...]:
    """The values a Literal setting allows, so the options cannot drift from the settings."""
    return typing.get_args(Settings.model_fields[setting].annotation)


def _configure_logging(command: str) -> None:
    try:
        settings = Settings()
    except ValidationError:
        # The command meets the invalid setting itself and says which it is (`doctor` names
        # it); until then, the defaults log.
        settings = Settings.model_construct()
    configure_logging(settings, one_shot=command not in LONG_RUNNING_COMMANDS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="echo-core", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser(
        "serve",
        help="migrate, then run the API (with a worker inside unless ECHO_EMBEDDED_WORKER=0)",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--reload", action="store_true", help="restart on code changes")
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser("worker", help="run a worker that processes queued videos")
    worker.add_argument(
        "--concurrency", type=int, default=0, help="jobs at once (default ECHO_WORKER_CONCURRENCY)"
    )
    worker.add_argument(
        "--metrics-port",
        type=int,
        default=0,
        help="serve this worker's Prometheus metrics at /metrics on this port (default: off)",
    )
    worker.add_argument(
        "--metrics-host", default="127.0.0.1", help="address for --metrics-port to listen on"
    )
    worker.set_defaults(handler=_worker)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(handler=_migrate)

    create_user = commands.add_parser(
        "create-user",
        help="create a local account (password from ECHO_NEW_USER_PASSWORD or a prompt)",
    )
    create_user.add_argument("email")
    create_user.add_argument(
        "--admin",
        action="store_true",
        help="an admin, who sets up the instance (the first account is one anyway)",
    )
    create_user.set_defaults(handler=_create_user)

    process = commands.add_parser(
        "process",
        help="run the whole pipeline on a local video, no server or database needed",
    )
    process.add_argument("video", help="the video file")
    process.add_argument("--out", help="output directory (default ./<video name>-echo)")
    process.add_argument(
        "--asr-engine",
        choices=_choices("asr_engine"),
        help="speech engine (default ECHO_ASR_ENGINE, else auto)",
    )
    process.add_argument(
        "--text-engine",
        choices=_choices("text_engine"),
        help="engine for titles, description, tags (default ECHO_TEXT_ENGINE, else auto)",
    )
    process.add_argument(
        "--language",
        default="auto",
        help="language spoken in the video: an ISO 639-1 code such as en or de, or auto "
        "(the default) to let Whisper detect it",
    )
    process.set_defaults(handler=_process)

    doctor = commands.add_parser(
        "doctor", help="check the configuration: engines, database, storage, media"
    )
    doctor.set_defaults(handler=_doctor)

    models = commands.add_parser(
        "models", help="list the Whisper speech models, or download one ahead of the first job"
    )
    models.add_argument("action", choices=("list", "pull"))
    models.add_argument("name", nargs="?", help="model to pull (default: the one jobs use)")
    models.set_defaults(handler=_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _configure_logging(args.command)
    handler = args.handler
    result: int = handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
