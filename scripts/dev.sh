#!/usr/bin/env bash
# `make dev`: the API (with its embedded worker) and the web dev server, both hot-reloading.
# Ctrl-C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
uv="$1"
data_dir="${DATA_DIR:-$root/data}"
api_port="${API_PORT:-8000}"
web_port="${WEB_PORT:-3000}"

cleanup() { kill 0 2>/dev/null || true; }
trap cleanup EXIT INT TERM

(cd "$root/apps/core" && ECHO_DATA_DIR="$data_dir" "$uv" run --frozen echo-core serve --reload --port "$api_port") &
(cd "$root/apps/web" && ECHO_API_URL="http://127.0.0.1:$api_port" node_modules/.bin/vite dev --port "$web_port" --host 127.0.0.1 --strictPort) &

echo
echo "  Echo is starting: open http://127.0.0.1:$web_port"
echo "  (API on http://127.0.0.1:$api_port/api, data in $data_dir)"
echo
wait -n
