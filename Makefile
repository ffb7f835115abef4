# Digitalagentur knowledge base: every day-to-day command in one place.
# `make help` lists the targets.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/kb_test

.DEFAULT_GOAL := help
.PHONY: help install run test test-sqlite test-postgres lint format messages bench seed clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install the project

run: install ## Set up SQLite with demo content and serve the portal on 127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/   user: admin   password: admin"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

seed: install ## (Re)load the demo content; idempotent
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

test: test-sqlite test-postgres ## Run the whole test suite on SQLite and PostgreSQL

test-sqlite: install
	$(PY) -m pytest

test-postgres: install
	@if $(PY) scripts/pg_ready.py "$(PG_TEST_URL)"; then \
		DATABASE_URL="$(PG_TEST_URL)" $(PY) -m pytest; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is not reachable at $(PG_TEST_URL); CI needs it." >&2; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL is not reachable at $(PG_TEST_URL); only SQLite was tested."; \
	fi

lint: install ## Check code style and the Django project
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install ## Format the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install ## Update and compile the de, da and en catalogues
	$(PY) manage.py makemessages -l de -l da -l en --ignore=.venv --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

bench: install ## Run the benchmarks in bench/
	$(PY) bench/run.py

clean: ## Remove the virtual environment and the local database
	rm -rf $(VENV) db.sqlite3 media
