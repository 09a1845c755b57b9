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

.PHONY: run dev test venv setup lint typecheck contracts unit e2e test-sqlite test-postgres bench system-deps clean cluster cluster-stop

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
		$(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not postgres"

# The scale tests (marker postgres: two real workers on one queue, two web instances) need
# PostgreSQL; without it they still run here and fail rather than pass unseen.
test-postgres: $(VENV)/.synced
	@if bash scripts/pg-reachable.sh "$(PG_URL)"; then \
		echo "== test suite on PostgreSQL =="; \
		DATABASE_URL=$(PG_URL) DJANGO_SETTINGS_MODULE=config.settings.test \
			$(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not e2e"; \
	else echo "PostgreSQL not reachable: suite ran on SQLite only; the scale tests need it:"; \
		DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -q -p no:xdist -m postgres; fi

test: system-deps $(VENV)/.synced lint typecheck contracts test-sqlite test-postgres

bench: $(VENV)/.synced
	$(BIN)/python -m bench --scale $(SCALE)

# The scaled-out set on this machine's loopback (deploy/README.md): PostgreSQL, moto as object
# storage, Redis, CLUSTER_WEB gunicorn instances behind nginx, CLUSTER_WORKERS workers.
cluster: $(VENV)/.synced system-deps
	$(BIN)/python deploy/cluster.py start

cluster-stop:
	$(BIN)/python deploy/cluster.py stop

clean:
	rm -rf $(VENV) var
