#!/usr/bin/env bash
# `make dev`: the API (with its embedded worker) and the web dev server, both hot-reloading.
# Ctrl-C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
uv="$1"
api_port="${API_PORT:-8000}"
web_port="${WEB_PORT:-3000}"

cleanup() { kill 0 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# DATA_DIR=... make dev moves the data; unset, the API uses Echo's default data directory,
# the same one every echo-core command finds, from any working directory.
if [ -n "${DATA_DIR:-}" ]; then
    export ECHO_DATA_DIR="$DATA_DIR"
fi
data_dir="$(cd "$root/apps/core" && "$uv" run --frozen python -c 'from echo_core.config import Settings; print(Settings().data_dir)')"

(cd "$root/apps/core" && "$uv" run --frozen echo-core serve --reload --port "$api_port") &
(cd "$root/apps/web" && ECHO_API_URL="http://127.0.0.1:$api_port" node_modules/.bin/vite dev --port "$web_port" --host 127.0.0.1 --strictPort) &

echo
echo "  Echo is starting: open http://127.0.0.1:$web_port"
echo "  (API on http://127.0.0.1:$api_port/api, data in $data_dir)"
echo
wait -n
