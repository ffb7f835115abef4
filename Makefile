# Digitalagentur knowledge base: every day-to-day command in one place.
# `make help` lists the targets. Needs only Python 3.11+ (and GNU gettext for
# `make messages`).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NODE := node_modules/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `run` serves at is the one every absolute link uses (sitemap, feeds,
# downloads, API, mails); set it to the public address behind a proxy.
PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
export PUBLIC_BASE_URL
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/kb_test
PYTEST_ARGS ?=
PYTEST ?= $(PY) -m pytest
# With LABEL_OUTPUT=1 each line of the two test halves starts with [sqlite] or
# [postgres], so `make -j2 test` (the halves side by side) reads as two logs.
LABEL_OUTPUT ?=
label = { if [ -n "$(LABEL_OUTPUT)" ]; then sed -u 's/^/[$(1)] /'; else cat; fi; }
# bash with pipefail: a test half that fails is not hidden by the labelling pipe.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# CI runs the SQLite half under coverage: SQLITE_PYTEST="$(PY) -m coverage run -m pytest".
SQLITE_PYTEST ?= $(PYTEST)

.DEFAULT_GOAL := help
.PHONY: help install run seed test test-sqlite test-postgres test-search search-node search-node-stop lint format messages bench clean

help: ## List the targets
	@echo "Usage: make <target>"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) $(NODE) ## Create .venv and install the project with its dev tools and npm packages

run: install ## Migrate, load the demo content if absent, serve 127.0.0.1:8000
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

# The live search tests need an OpenSearch node: OPENSEARCH_URL if set, else the one
# scripts/search_node.py starts (Java 21+ and Maven; the jars come from Maven
# Central). Without Java or Maven it says why and the live tests skip (CI fails).
SEARCH_URL = $${OPENSEARCH_URL:-$$(python3 scripts/search_node.py start || true)}

search-node: ## Start the OpenSearch node for the live search tests (Java 21+, Maven)
	python3 scripts/search_node.py start

search-node-stop: ## Stop the OpenSearch node
	python3 scripts/search_node.py stop

test-search: install ## Run the live search tests against the OpenSearch node
	OPENSEARCH_URL="$(SEARCH_URL)" $(PYTEST) -m live_search $(PYTEST_ARGS)

# The browser tests run in a session of their own: they need a live server and so
# a transactional database, which is flushed after each of them; their own session
# starts from a database fresh from the migrations (and seeds the demo once, see
# tests/e2e/demo_database.py).
# On PostgreSQL only the tests that use the database run (--database-tests-only):
# the others (catalogues, settings, project files, search analysis) cannot give
# another result there, and `make test-sqlite` has run them. The live search tests
# run once, in the SQLite half: the engine answers the same whatever database Django
# uses, and one of them stops and restarts the shared node, which must not happen
# under the other half. So the halves can run side by side on two cores:
# `make -j2 test` (CI does, with --output-sync so each half's output stays together).
test: test-sqlite test-postgres ## Run the whole suite on SQLite and the database tests on PostgreSQL (-j2: side by side)

# The npm packages (package.json): Leaflet and leaflet.markercluster, served as
# static files for the portal's maps, and axe-core for the browser accessibility
# tests. Without npm the pages show their lists of places without a map, and the
# accessibility tests are skipped.
$(NODE): package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $(NODE); \
	else echo "npm not found: no maps (only the lists of places); the browser accessibility tests will be skipped"; fi

test-sqlite: install ## Run the suite on SQLite
	@{ started=$$(date +%s); \
	echo "== pytest on SQLite"; \
	env -u DATABASE_URL OPENSEARCH_URL="$(SEARCH_URL)" \
		$(SQLITE_PYTEST) --ignore=tests/e2e $(PYTEST_ARGS) && \
	echo "== browser tests on SQLite" && \
	{ env -u DATABASE_URL $(SQLITE_PYTEST) tests/e2e $(PYTEST_ARGS) || [ $$? -eq 5 ]; }; \
	status=$$?; echo "== SQLite half: exit $$status after $$(( $$(date +%s) - started )) s"; \
	exit $$status; } 2>&1 | $(call label,sqlite)

test-postgres: install ## Run the tests that use the database on PostgreSQL at PG_TEST_URL
	@if $(PY) scripts/pg_ready.py "$(PG_TEST_URL)"; then \
		{ started=$$(date +%s); \
		echo "== pytest on PostgreSQL ($(PG_TEST_URL)), tests that use the database"; \
		DATABASE_URL="$(PG_TEST_URL)" $(PYTEST) --ignore=tests/e2e \
			--database-tests-only -m "not live_search" $(PYTEST_ARGS) && \
		echo "== browser tests on PostgreSQL" && \
		{ DATABASE_URL="$(PG_TEST_URL)" $(PYTEST) tests/e2e $(PYTEST_ARGS) || [ $$? -eq 5 ]; }; \
		status=$$?; \
		echo "== PostgreSQL half: exit $$status after $$(( $$(date +%s) - started )) s"; \
		exit $$status; } 2>&1 | $(call label,postgres); \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is not reachable at $(PG_TEST_URL); CI needs it." >&2; \
		exit 1; \
	else \
		echo ""; \
		echo "SKIPPED: PostgreSQL is not reachable at $(PG_TEST_URL);" \
			"only SQLite was tested (CI tests both)."; \
	fi

lint: install ## Check code style (ruff), the layers (import-linter) and the Django project
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install ## Format the code and apply safe ruff fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# makemessages extracts the django domain only; locale/da/LC_MESSAGES/djangojs.po
# (Danish for Wagtail's and wagtail-localize's JavaScript messages) is kept by hand
# and only compiled.
messages: install ## Update and compile the de, da and en catalogues
	$(PY) manage.py makemessages -l de -l da -l en --ignore=.venv --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

# bench/load.py: gunicorn + wrk at 10000 solutions (BENCH_QUICK=1: 500, short runs);
# it fails when a request fails or queries per page grow with related items.
bench: install ## Load test (req/s, p50/p99, ceiling, 60 s soak), then render and search benchmarks
	$(PY) bench/load.py
	$(PY) bench/run.py
	$(PY) bench/search.py

clean: ## Remove .venv, the local database, media and collected static files
	rm -rf $(VENV) db.sqlite3 media static .test-media
