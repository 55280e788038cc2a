# Two commands for a newcomer: `make run` (the demo, SQLite, no other service) and `make test` (the suite).
PYTHON ?= python3
PORT ?= 8000
# The suite runs on this many processes (pytest-xdist), each with a database of its own.
TEST_WORKERS ?= 2
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core, the accessibility checker the browser tests run on every page (an npm package, served locally).
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js

.PHONY: run test lint format bench bench-search install messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(AXE): tests/e2e/axe/package.json tests/e2e/axe/package-lock.json
	npm ci --prefix tests/e2e/axe --no-audit --no-fund --loglevel=error
	touch $(AXE)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs on PostgreSQL and Redis: .ci/services starts the local ones when they are installed but down,
# and prints the DATABASE_URL and REDIS_URL to use (unless they are set already).
test: $(STAMP) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	eval "$$(bash .ci/services)" && $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The scale dataset in a database of its own (built once with seed_scale, then reused), served by gunicorn with
# the production settings; per endpoint HTTP p50/p95 beside the same SQL replayed, and a mixed load. Writes
# docs/performance.md. BENCH_SCALE (1 = Antwerp size), BENCH_ROUNDS, BENCH_CLIENTS, BENCH_SECONDS to adjust.
bench: $(STAMP)
	eval "$$(bash .ci/services)" && $(BIN)/python -m tests.benchmarks.http_bench

# The search benchmark on 10,000 persons (pytest-benchmark).
bench-search: $(STAMP)
	eval "$$(bash .ci/services)" && $(BIN)/pytest tests/benchmarks --benchmark-only -p no:randomly $(PYTEST_ARGS)

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache tests/e2e/screenshots
