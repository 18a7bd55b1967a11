# Praxis: run `make help` for the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute URLs (canonical, hreflang, API, cards, oEmbed) use this address; `make run PORT=8010` follows it.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install setup run test test-postgres lint format check bench bench-stack bench-map relevance loadtest loadcheck accuracy clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

setup: install ## Install, migrate, compile translations, load demo content, ensure the local admin (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) compile_translations
	$(MANAGE) load_vocabularies
	$(MANAGE) load_demo
	$(MANAGE) ensure_site_address
	$(MANAGE) refresh_search
	$(MANAGE) ensure_dev_admin

run: setup ## Set up, then serve the site on http://127.0.0.1:8000 (`make run PORT=8010`, HOST=...)
	@echo "Serving http://$(HOST):$(PORT)  (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the test suite (SQLite; set DATABASE_URL for PostgreSQL)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install ## Run the test suite against PostgreSQL on 127.0.0.1:5432
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/praxis} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks, missing migrations, deploy checks, import layers (import-linter)
	PYTHONPATH=$(CURDIR) $(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=kb.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=kb.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=kb.settings.production REDIS_URL=redis://127.0.0.1:6379/0 SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") ALLOWED_HOSTS=praxis.example.org $(MANAGE) check --deploy --fail-level WARNING

loadtest: install ## Embeds under gunicorn (2 workers) + wrk, 64 connections x 20 s; prints a table, writes loadtest-results.json
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null; } || { echo "wrk is missing: apt-get install wrk"; exit 2; }
	$(BIN)/python -m cards.loadtest

loadcheck: install ## gunicorn on PostgreSQL (praxis_loadcheck) under wrk, 16 conn x 15 s, with imports, publishes, a killed worker
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null; } || { echo "wrk is missing: apt-get install wrk"; exit 2; }
	$(BIN)/python -m kb.loadcheck $${LOADCHECK_ARGS:-}

bench: install ## Benchmark the search on 10,000 synthetic practices (separate database bench.sqlite3; BENCH_DATABASE_URL for PostgreSQL)
	DJANGO_SETTINGS_MODULE=kb.settings.test DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3} $(MANAGE) search_bench --practices $${BENCH_PRACTICES:-10000}

bench-stack: install ## The search page under gunicorn (2 workers) + wrk, 16 connections x 15 s, on the benchmark database (BENCH_DATABASE_URL)
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null; } || { echo "wrk is missing: apt-get install wrk"; exit 2; }
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3} $(BIN)/python -m kb.bench_stack

bench-map: install ## Time the map's cluster endpoint on 100,000 synthetic practices (bench-map.sqlite3; BENCH_DATABASE_URL for PostgreSQL)
	DJANGO_SETTINGS_MODULE=kb.settings.test DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/bench-map.sqlite3} $(MANAGE) search_bench --map-only --practices $${BENCH_PRACTICES:-100000} --json bench-map.json

relevance: install ## Recall@20 and MRR of the judged queries (search/relevance/) on the demo practices (separate database relevance.sqlite3)
	DJANGO_SETTINGS_MODULE=kb.settings.test DATABASE_URL=$${RELEVANCE_DATABASE_URL:-sqlite:///$(CURDIR)/relevance.sqlite3} $(MANAGE) search_relevance $(RELEVANCE_ARGS)

accuracy: install ## Score the importers on the fixture corpus (facts found/invented per source and fact type), time hostile files
	$(BIN)/python -m importers.accuracy $${ACCURACY_ARGS:-}

clean: ## Remove the virtualenv, database and collected files
	rm -rf $(VENV) db.sqlite3 bench.sqlite3 bench-map.sqlite3 relevance.sqlite3 staticfiles media
