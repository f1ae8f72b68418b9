"""Print the API's OpenAPI document as JSON, built in-process (no server, no database).

Usage: apps/core/.venv/bin/python scripts/dump_openapi.py > openapi.json

The output is deterministic (sorted keys, two-space indent, trailing newline) so the
TypeScript client generated from it can be checked for drift byte for byte.
"""

import json
import sys
import tempfile
from pathlib import Path


def main() -> None:
    from echo_core.api.app import create_app
    from echo_core.config import Settings

    with tempfile.TemporaryDirectory(prefix="echo-openapi-") as data_dir:
        # Nothing is created in data_dir: the engine connects lazily and the lifespan
        # (migrations, worker) never runs; a fixed secret avoids writing a key file.
        settings = Settings(jwt_secret="openapi-dump", data_dir=Path(data_dir))
        document = create_app(settings).openapi()
    sys.stdout.write(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
