# Heard: `make demo` to try it, `make test` to check it. `make help` lists everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_DB ?= demo.sqlite3
DEMO_SEED ?= 2026
DEMO_ENV := HEARD_DEBUG=1 HEARD_INFORMAL_STAGE=corporate=10 DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB)

.PHONY: help install assets runtime-packages system-packages check test test-sqlite test-postgres demo demo-data demo-reset bench bench-smoke clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/heard/heard.css: node_modules/.installed scripts/build-assets.mjs heard/core/assets/heard.scss
	npm run --silent build

install: $(VENV)/.installed ## Create .venv and install the Python packages

assets: build/static/heard/heard.css ## Fetch the front-end packages from npm and build the assets

# Debian packages the test suite needs, installed only when missing.
runtime-packages: ## Install libmagic1 (uploads) and Pango (PDF reports) with apt-get if missing
	@missing=""; \
	ls /usr/lib/*/libmagic.so.1 >/dev/null 2>&1 || missing="$$missing libmagic1"; \
	ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0"; \
	ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

system-packages: runtime-packages ## Install chromium, poppler-utils and PostgreSQL with apt-get if missing
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	{ command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } \
	  || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

check: install ## Lint, format check, type check, import layers and migrations check
	$(VENV)/bin/ruff check heard bench manage.py
	$(VENV)/bin/ruff format --check heard bench manage.py
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	HEARD_DEBUG=1 DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install assets ## Run the test suite on SQLite
	@echo "== Test suite on SQLite =="
	HEARD_TEST_DATABASE=sqlite $(VENV)/bin/pytest

test-postgres: install assets system-packages ## Run the test suite on a throwaway PostgreSQL cluster
	@echo "== Test suite on PostgreSQL (throwaway cluster) =="
	HEARD_TEST_DATABASE=postgres $(VENV)/bin/pytest

test: install assets system-packages check bench-smoke test-sqlite test-postgres ## Install what tests need; run checks, the benchmarks at a tiny size, and all tests on SQLite and PostgreSQL
	@echo "All checks passed on SQLite and PostgreSQL."

$(DEMO_DB):
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(PY) manage.py make_demo_data --seed $(DEMO_SEED)

demo-data: install $(DEMO_DB) ## Build the demo database (if it does not exist)

demo: install assets runtime-packages demo-data ## Install, build demo data and serve on http://127.0.0.1:8000/
	@$(DEMO_ENV) $(PY) manage.py migrate --no-input >/dev/null
	@$(DEMO_ENV) $(PY) manage.py make_demo_data --print-logins
	@echo "Heard is starting on http://127.0.0.1:8000/ with its background worker (Ctrl+C to stop)"
	$(DEMO_ENV) $(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

demo-reset: ## Delete the demo database so the next `make demo` builds it afresh
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

bench: install assets ## Run the benchmarks and print their figures
	$(PY) bench/workdays.py
	$(PY) bench/caselist.py
	$(PY) bench/report.py
	$(PY) bench/import.py
	$(PY) bench/submit.py

bench-smoke: install assets system-packages ## Run every benchmark at a tiny size, so none stops working unnoticed
	@echo "== Benchmarks, smoke runs =="
	@for script in bench/*.py; do \
	  echo "-- $$script --smoke"; \
	  $(PY) $$script --smoke 2>&1 | grep -v '^AXES: ' \
	    || { echo "$$script --smoke failed"; exit 1; }; \
	done

clean: ## Remove installed packages and built files
	rm -rf $(VENV) node_modules build staticfiles .mypy_cache .ruff_cache .pytest_cache
