"""The layers of docs/architecture.md hold: each module imports only what its layer may.

Every module of the package is read with `ast` (nothing is imported or run), and each
`echo_core` import is checked against the rules below. The rules name a module by its
first part under `echo_core` (its package, or the module itself for top-level files such
as `runtime.py`).
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import echo_core

PACKAGE_ROOT = Path(echo_core.__file__).parent

# Only the API imports the API. The app is assembled in api/app.py; the CLI hands it to
# uvicorn by name ("echo_core.api.app:create_app"), not by importing it.
API_IMPORTERS = {"api"}

# What each part must never import (besides `api`, covered above), from the design's
# layers: api -> services -> operations -> models, with pipeline, worker, storage, events
# and auth beside them, and the runtime and entry points (cli, doctor, local_run) on top.
ENTRY_POINTS = {"cli", "doctor", "local_run", "runtime"}
FORBIDDEN = {
    "services": {"worker"} | ENTRY_POINTS,
    "operations": {"services", "worker", "pipeline", "youtube"} | ENTRY_POINTS,
    "pipeline": {"services", "worker", "operations"} | ENTRY_POINTS,
    "worker": {"services"} | ENTRY_POINTS - {"runtime"},
    "storage": {"services", "operations", "worker", "pipeline", "models", "events"} | ENTRY_POINTS,
    "events": {"services", "operations", "worker", "pipeline", "storage"} | ENTRY_POINTS,
    "auth": {"services", "operations", "worker", "pipeline", "storage"} | ENTRY_POINTS,
    "runtime": {"services", "operations", "worker", "pipeline"},
    # Google's OAuth and YouTube's API: used by the services and the publishing work.
    "youtube": {"services", "worker"} | ENTRY_POINTS,
}
# Models are the bottom: they import other models only.
MODELS_MAY_IMPORT = {"models"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. echo_core.worker.embedded
    line: int
    target: str  # what it imports, e.g. echo_core.api.state


def part_of(dotted: str) -> str:
    """`echo_core.worker.embedded` -> `worker`; `echo_core.runtime` -> `runtime`."""
    return dotted.split(".")[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def package_imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        module = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
            else:
                continue
            found.extend(
                Import(module, node.lineno, target)
                for target in targets
                if target.startswith("echo_core.")
            )
    return found


def may_import(source: str, target: str) -> bool:
    if source == target:
        return True
    if target == "api":
        return source in API_IMPORTERS
    if source == "models":
        return target in MODELS_MAY_IMPORT
    return target not in FORBIDDEN.get(source, set())


def broken_rules(imports: list[Import]) -> list[str]:
    return [
        f"{found.module}:{found.line} imports {found.target}"
        for found in imports
        # echo_core/__init__.py belongs to no part
        if "." in found.module and not may_import(part_of(found.module), part_of(found.target))
    ]


def test_every_module_imports_only_what_its_layer_may() -> None:
    assert broken_rules(package_imports()) == []


def test_the_rules_name_parts_that_exist() -> None:
    """A part renamed or moved would make its rules check nothing."""
    parts = {part_of(found.module) for found in package_imports() if "." in found.module}
    named = API_IMPORTERS | MODELS_MAY_IMPORT | set(FORBIDDEN)
    named |= {target for targets in FORBIDDEN.values() for target in targets}
    assert named - parts == set()


def test_a_lower_layer_importing_the_api_is_caught() -> None:
    """The check itself: a worker module reaching into the API is reported."""
    reaching_up = Import("echo_core.worker.embedded", 7, "echo_core.api.state")
    from_the_api = Import("echo_core.api.app", 3, "echo_core.worker.worker")
    assert broken_rules([reaching_up, from_the_api]) == [
        "echo_core.worker.embedded:7 imports echo_core.api.state"
    ]
