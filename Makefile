# Echo: `make dev` runs the app, `make test` runs every check. Both install what they need.

SHELL := /bin/bash
UV_VERSION := 0.13.9
PNPM_VERSION := 10.34.9
NODE_VERSION := 24.21.0
TOOLS := $(CURDIR)/.tools
# Node and pnpm at the pinned versions, whatever the machine has globally: every recipe
# (and scripts/dev.sh, the e2e set-up, the web app's scripts) finds them first on PATH.
NODE_TOOLS := $(TOOLS)/node
export PATH := $(NODE_TOOLS)/node_modules/.bin:$(PATH)
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
CORE := apps/core
WEB := apps/web

.PHONY: dev test install install-core install-node install-web lint typecheck pytest web-check e2e bench

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

install-core: $(UV)
	cd $(CORE) && $(UV) sync --frozen --quiet

install-node:
	@scripts/install-node.sh $(NODE_TOOLS) $(NODE_VERSION) $(PNPM_VERSION)

install-web: install-node
	cd $(WEB) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 pnpm install --frozen-lockfile --silent

install: install-core install-web

dev: install
	scripts/dev.sh $(UV)

lint: install-core
	cd $(CORE) && $(UV) run --frozen ruff check src tests
	cd $(CORE) && $(UV) run --frozen ruff format --check src tests

typecheck: install-core
	cd $(CORE) && $(UV) run --frozen mypy src

pytest: install-core
	cd $(CORE) && $(UV) run --frozen pytest -q

web-check: install
	cd $(WEB) && pnpm check:api-types
	cd $(WEB) && pnpm typecheck
	cd $(WEB) && pnpm lint
	cd $(WEB) && pnpm test

# Browser tests: Debian's Chromium (never a downloaded one) against the real API and pipeline;
# needs apps/core installed (the API, the speech video), flite and chromium.
e2e: install
	cd $(WEB) && pnpm test:e2e

test: lint typecheck web-check pytest e2e

bench: install-core
	$(CORE)/.venv/bin/python bench/run_all.py $(BENCH_ARGS)
