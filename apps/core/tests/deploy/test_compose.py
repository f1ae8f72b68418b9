"""The deployable layout: compose files and Dockerfiles use only what Echo has.

Images cannot be built on the machines that run these tests, so this reads the files
instead: every `echo-core` command parses with the real CLI parser, every `ECHO_*` variable
is a setting (or one the web server reads), every health check asks a route that exists, and
every file a Dockerfile copies is there.
"""

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from echo_core.api.app import create_app
from echo_core.cli import build_parser
from echo_core.config import Settings

REPOSITORY = Path(__file__).resolve().parents[4]
COMPOSE_FILES = ["compose.yaml", "compose.gpu.yaml"]
WEB_SERVER = REPOSITORY / "apps" / "web" / "server"


def compose(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPOSITORY / name).read_text())
    return loaded


def services() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (file, name, service)
        for file in COMPOSE_FILES
        for name, service in compose(file)["services"].items()
    ]


def image_of(name: str) -> str:
    """Which of Echo's images a service of compose.yaml runs: core, web, or another's."""
    service = compose("compose.yaml")["services"][name]
    if service.get("image", "").startswith("echo-core") or service.get("build") == "apps/core":
        return "core"
    return "web" if service.get("build") == "apps/web" else "other"


def web_server_variables() -> set[str]:
    read = set()
    for script in WEB_SERVER.glob("*.mjs"):
        read |= set(re.findall(r"process\.env\.(ECHO_\w+)", script.read_text()))
    return read


def api_paths() -> set[str]:
    app = create_app(Settings(_env_file=None, jwt_secret="only-to-list-the-routes"))
    return set(app.openapi()["paths"])


def dockerfiles() -> list[Path]:
    return sorted(REPOSITORY.glob("apps/*/Dockerfile*"))


@pytest.mark.parametrize(("file", "name", "service"), services())
def test_every_echo_core_command_is_one_the_cli_accepts(
    file: str, name: str, service: dict[str, Any]
) -> None:
    command = service.get("command")
    if not (isinstance(command, list) and command[:1] == ["echo-core"]):
        return
    try:
        build_parser().parse_args(command[1:])
    except SystemExit:
        pytest.fail(f"{file}: {name} runs {command}, which echo-core refuses")


def test_every_echo_variable_is_read_by_the_service_it_is_given_to() -> None:
    settings = {f"ECHO_{name.upper()}" for name in Settings.model_fields}
    web = web_server_variables()
    unknown = []
    for file, name, service in services():
        environment = service.get("environment") or {}
        kind = image_of(name)
        for variable in (key for key in environment if key.startswith("ECHO_")):
            known = settings if kind == "core" else web
            if variable not in known:
                unknown.append(f"{file}: {name}: {variable}")
    assert unknown == []


def test_health_checks_ask_routes_that_exist() -> None:
    paths = api_paths()
    asked = []
    for _, name, service in services():
        test = " ".join(service.get("healthcheck", {}).get("test", []))
        asked += [(name, path) for path in re.findall(r"https?://[\w.:-]+(/[\w/-]*)", test)]
    api_asks = [path for name, path in asked if image_of(name) == "core"]
    web_asks = [path for name, path in asked if image_of(name) == "web"]

    assert "/api/ready" in api_asks
    assert set(api_asks) <= paths
    for path in web_asks:
        assert (REPOSITORY / "apps/web/src/routes" / f"{path.strip('/')}.tsx").is_file(), path


def test_services_are_built_from_dockerfiles_that_exist() -> None:
    for file, name, service in services():
        build = service.get("build")
        if build is None:
            continue
        context, dockerfile = (
            (build, "Dockerfile")
            if isinstance(build, str)
            else (build["context"], build.get("dockerfile", "Dockerfile"))
        )
        assert (REPOSITORY / context / dockerfile).is_file(), f"{file}: {name}"


@pytest.mark.parametrize("dockerfile", dockerfiles(), ids=lambda path: str(path.name))
def test_dockerfiles_copy_files_that_exist_and_run_commands_the_cli_accepts(
    dockerfile: Path,
) -> None:
    context = dockerfile.parent
    ignored = set((context / ".dockerignore").read_text().split())
    for line in dockerfile.read_text().replace("\\\n", " ").splitlines():
        words = shlex.split(line) if line and not line.startswith("#") else []
        if words[:1] == ["COPY"] and not any(word.startswith("--from") for word in words):
            for source in words[1:-1]:
                assert source == "." or list(context.glob(source)), f"{dockerfile}: {source}"
                assert source not in ignored, f"{dockerfile}: {source} is in .dockerignore"
        if words[:1] == ["CMD"] and "echo-core" in line:
            command = yaml.safe_load(line.removeprefix("CMD"))
            build_parser().parse_args(command[1:])
