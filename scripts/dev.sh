#!/usr/bin/env bash
# `make dev`: the API (with its embedded worker) and the web dev server, both hot-reloading.
# Ctrl-C (or SIGTERM) stops both.
set -euo pipefail
# Each server in a process group of its own, so one signal reaches all of its processes
# (uv, the reloader and the server it restarts; vite) and nothing else.
set -m
root="$(cd "$(dirname "$0")/.." && pwd)"
uv="$1"
api_port="${API_PORT:-8000}"
web_port="${WEB_PORT:-3000}"

servers=()
stop() {
  # Once. The handler used to `kill 0`, which signalled this shell as well: the handler ran
  # again for its own signal, without end, until bash crashed (Segmentation fault), and
  # every round sent the servers another SIGTERM (the reloader's RecursionError).
  trap - EXIT INT TERM
  set +m
  for group in "${servers[@]}"; do
    kill -TERM -- "-$group" 2>/dev/null || true
  done
  wait || true
}
trap stop EXIT
trap 'stop; exit 0' INT TERM

# DATA_DIR=... make dev moves the data; unset, the API uses Echo's default data directory,
# the same one every echo-core command finds, from any working directory.
if [ -n "${DATA_DIR:-}" ]; then
    export ECHO_DATA_DIR="$DATA_DIR"
fi
data_dir="$(cd "$root/apps/core" && "$uv" run --frozen python -c 'from echo_core.config import Settings; print(Settings().data_dir)')"

(cd "$root/apps/core" && "$uv" run --frozen echo-core serve --reload --port "$api_port") &
servers+=("$!")
(cd "$root/apps/web" && ECHO_API_URL="http://127.0.0.1:$api_port" node_modules/.bin/vite dev --port "$web_port" --host 127.0.0.1 --strictPort) &
servers+=("$!")

echo
echo "  Echo is starting: open http://127.0.0.1:$web_port"
echo "  (API on http://127.0.0.1:$api_port/api, data in $data_dir)"
echo
# Until either server ends (a port in use, say); the other is then stopped too.
wait -n
