# Echo: `make dev` runs the app, `make test` runs every check. Both install what they need.

SHELL := /bin/bash
UV_VERSION := 0.13.9
TOOLS := $(CURDIR)/.tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
CORE := apps/core
DATA_DIR ?= $(CURDIR)/data
API_PORT ?= 8000

.PHONY: dev test lint typecheck pytest install bench

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

install: $(UV)
	cd $(CORE) && $(UV) sync --frozen --quiet

dev: install
	cd $(CORE) && ECHO_DATA_DIR=$(DATA_DIR) $(UV) run --frozen echo-core serve --reload --port $(API_PORT)

lint: install
	cd $(CORE) && $(UV) run --frozen ruff check src tests
	cd $(CORE) && $(UV) run --frozen ruff format --check src tests

typecheck: install
	cd $(CORE) && $(UV) run --frozen mypy src

pytest: install
	cd $(CORE) && $(UV) run --frozen pytest -q

test: lint typecheck pytest

bench: install
	cd $(CORE) && $(UV) run --frozen python ../../bench/upload_memory.py
