#!/usr/bin/env bash
# Installs the pinned Node and pnpm into a folder of the repository, from the npm registry
# (the `node` package carries the binaries), unless that folder already holds those exact
# versions. The machine's global node and pnpm are never used for the web app: a global pnpm
# of another major version refuses the `packageManager` field, and Node 20 is past its end
# of life.
set -euo pipefail
dir="$1"
node_version="$2"
pnpm_version="$3"
bin="$dir/node_modules/.bin"

installed() {
    [ -x "$bin/node" ] && [ -x "$bin/pnpm" ] &&
        [ "$("$bin/node" --version)" = "v$node_version" ] &&
        [ "$(PATH="$bin:$PATH" "$bin/pnpm" --version)" = "$pnpm_version" ]
}

if installed; then
    exit 0
fi
command -v npm >/dev/null || { echo "npm is needed once, to fetch Node $node_version and pnpm $pnpm_version" >&2; exit 1; }
echo "Installing Node $node_version and pnpm $pnpm_version into $dir"
mkdir -p "$dir"
npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
    "node@$node_version" "pnpm@$pnpm_version"
installed || { echo "Node $node_version / pnpm $pnpm_version did not install into $dir" >&2; exit 1; }
