# Two commands matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The simulators' own server (config.settings.sim), started and stopped by `make run`.
export SIM_PORT ?= 8001
SCALE ?= medium
export DJANGO_SETTINGS_MODULE ?= config.settings.demo
PG_URL ?= postgres://postgres@127.0.0.1:5432/rebate_test

.PHONY: run dev test venv setup lint typecheck contracts unit e2e test-sqlite test-postgres bench system-deps clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip uv==0.13.9

venv: $(BIN)/python requirements.lock
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	@touch $(VENV)/.synced

$(VENV)/.synced: requirements.lock pyproject.toml | $(BIN)/python
	$(MAKE) venv

setup: $(VENV)/.synced
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py bootstrap_demo

run: setup
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py serve --port $(PORT)

# Developer mode: the same processes with DEBUG on (debug pages); never the documented way to run.
dev:
	$(MAKE) run DJANGO_SETTINGS_MODULE=config.settings.dev

system-deps:
	@bash scripts/system-deps.sh

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.synced
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy rebate sim config

contracts: $(VENV)/.synced
	$(BIN)/lint-imports

test-sqlite: $(VENV)/.synced
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.test \
		$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-postgres: $(VENV)/.synced
	@if bash scripts/pg-reachable.sh "$(PG_URL)"; then \
		echo "== test suite on PostgreSQL =="; \
		DATABASE_URL=$(PG_URL) DJANGO_SETTINGS_MODULE=config.settings.test \
			$(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not e2e"; \
	else echo "PostgreSQL not reachable: suite ran on SQLite only"; fi

test: system-deps $(VENV)/.synced lint typecheck contracts test-sqlite test-postgres

bench: $(VENV)/.synced
	$(BIN)/python -m bench --scale $(SCALE)

clean:
	rm -rf $(VENV) var
